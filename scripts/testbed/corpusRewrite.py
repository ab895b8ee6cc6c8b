"""Rewrites pydicom's public test files for the corpus gallery, each in its own encoding.

Usage: /usr/bin/python3 corpusRewrite.py SOURCE_DIR OUT_DIR ISSUER VERSION

Every file of SOURCE_DIR (not its sub-folders) that holds pixel data (PixelData, FloatPixelData or
DoubleFloatPixelData) is written to OUT_DIR with fresh Study, Series and SOP Instance UIDs (and the Media Storage
SOP Instance UID of its meta header), a Patient ID of its own with ISSUER as Issuer of Patient ID, and its file
name as Study Description. Nothing else changes: the file keeps its transfer syntax, byte order, VR encoding and
meta header (or its lack of one), written like the original (pydicom's write_like_original), elements the file
encodes as UN stay UN, and a data set encoded otherwise than its meta header says stays so. What pydicom does not
keep: the retired group lengths (gggg,0000) of the data set, which it does not write (they would no longer be
true), and a value cut short by the end of the file, which it writes with the length it found (MR_truncated.dcm
becomes a file whose Pixel Data is shorter than its rows, columns and bits need). The UIDs are derived
from VERSION and the file name, so that a rebuild gives the same studies.

Prints a JSON list with one object per file on standard output; files that cannot be read are listed with a
"problem".
"""
import json
import os
import sys

import pydicom
import pydicom.config
from pydicom.uid import generate_uid

PIXEL_TAGS = (0x7FE00010, 0x7FE00008, 0x7FE00009)
CHANGED_GROUPS = (0x0008, 0x0010, 0x0020)
# Elements the file itself encodes as UN stay UN.
pydicom.config.replace_un_with_known_vr = False


def text(dataset, keyword):
    value = dataset.get(keyword)
    return '' if value is None else str(value)


def number(dataset, keyword):
    value = dataset.get(keyword)
    try:
        return int(value) if value is not None and str(value) != '' else None
    except (TypeError, ValueError):
        return None


def pixel_aspect(dataset):
    """Row spacing over column spacing: how much taller than wide one pixel is shown."""
    spacing = dataset.get('PixelSpacing') or dataset.get('ImagerPixelSpacing')
    try:
        if spacing and len(spacing) == 2 and float(spacing[1]) > 0:
            return float(spacing[0]) / float(spacing[1])
        ratio = dataset.get('PixelAspectRatio')
        if ratio and len(ratio) == 2 and float(ratio[1]) > 0:
            return float(ratio[0]) / float(ratio[1])
    except (TypeError, ValueError):
        pass
    return 1.0


def set_value(dataset, keyword, value):
    """Sets an element, keeping the UN of one the file encodes as UN (its value then is the padded bytes)."""
    element = dataset.get(keyword) if keyword in dataset else None
    if element is not None and dataset.data_element(keyword).VR == 'UN':
        raw = value.encode('ascii')
        if len(raw) % 2:
            raw += b'\0' if keyword.endswith('UID') else b' '
        dataset.data_element(keyword).value = raw
    else:
        setattr(dataset, keyword, value)


def rewrite(source, target, name, index, issuer, version):
    dataset = pydicom.dcmread(source, force=True)
    if not any(tag in dataset for tag in PIXEL_TAGS):
        return None
    # A data set encoded otherwise than its meta header says (pydicom guesses the VR encoding from the first
    # element) is written back the way it was found.
    first = next((dataset.get_item(tag) for tag in dataset.keys()), None)
    found_implicit = getattr(first, 'is_implicit_VR', dataset.is_implicit_VR)
    mismatch = found_implicit != dataset.is_implicit_VR
    dataset.is_implicit_VR = found_implicit
    uid = lambda role: generate_uid(prefix='2.25.', entropy_srcs=[version, name, role])
    study, series, instance = uid('study'), uid('series'), uid('instance')
    for group in CHANGED_GROUPS:
        tag = group << 16
        if tag in dataset:
            del dataset[tag]
    patient_id = 'PYD-%02d' % index
    for keyword, value in (('StudyInstanceUID', study), ('SeriesInstanceUID', series), ('SOPInstanceUID', instance),
                           ('PatientID', patient_id), ('IssuerOfPatientID', issuer), ('StudyDescription', name[:64])):
        set_value(dataset, keyword, value)
    meta = getattr(dataset, 'file_meta', None)
    if meta is not None and 'MediaStorageSOPInstanceUID' in meta:
        meta.MediaStorageSOPInstanceUID = instance
    dataset.save_as(target, write_like_original=True)
    transfer_syntax = text(meta, 'TransferSyntaxUID') if meta is not None else ''
    return {
        'file': name,
        'studyUid': study,
        'seriesUid': series,
        'sopUid': instance,
        'patientId': patient_id,
        'transferSyntaxUid': transfer_syntax,
        'encoding': ('implicit' if dataset.is_implicit_VR else 'explicit') + (' little' if dataset.is_little_endian else ' big') + ' endian',
        'encodingMismatch': mismatch,
        'hasMeta': meta is not None and len(meta) > 0,
        'sopClassUid': text(dataset, 'SOPClassUID'),
        'modality': text(dataset, 'Modality'),
        'photometric': text(dataset, 'PhotometricInterpretation'),
        'rows': number(dataset, 'Rows'),
        'columns': number(dataset, 'Columns'),
        'frames': number(dataset, 'NumberOfFrames') or 1,
        'samplesPerPixel': number(dataset, 'SamplesPerPixel'),
        'bitsAllocated': number(dataset, 'BitsAllocated'),
        'bitsStored': number(dataset, 'BitsStored'),
        'pixelRepresentation': number(dataset, 'PixelRepresentation'),
        'pixelAspect': pixel_aspect(dataset),
    }


def main():
    source_dir, out_dir, issuer, version = sys.argv[1:5]
    os.makedirs(out_dir, exist_ok=True)
    entries = []
    names = sorted(name for name in os.listdir(source_dir) if os.path.isfile(os.path.join(source_dir, name)))
    for name in names:
        try:
            entry = rewrite(os.path.join(source_dir, name), os.path.join(out_dir, name), name, len(entries) + 1, issuer, version)
        except Exception as error:  # a file pydicom cannot read or write is listed, not fatal
            if os.path.exists(os.path.join(out_dir, name)):
                os.remove(os.path.join(out_dir, name))
            entries.append({'file': name, 'problem': '%s: %s' % (type(error).__name__, error)})
            continue
        if entry is not None:
            entries.append(entry)
    json.dump(entries, sys.stdout, indent=1)


if __name__ == '__main__':
    main()
