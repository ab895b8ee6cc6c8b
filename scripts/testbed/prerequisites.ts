/**
 * The real parts the tests need from Debian: Chromium (driven by Playwright), Orthanc with its DICOMweb plugin,
 * PostgreSQL's server programs (the audit trail and sessions are tested against a real server), and for the corpus
 * gallery pydicom's test files (python3-pydicom) with the toolkits that rewrite and render them independently
 * (pydicom, DCMTK, GDCM). Missing ones are reported with the command that installs them; the tests never skip
 * silently.
 */
import fs from 'node:fs';
import path from 'node:path';

export const INSTALL_COMMAND = 'sudo apt-get install -y chromium orthanc orthanc-dicomweb poppler-utils postgresql python3-pydicom dcmtk libgdcm-tools';

export interface Prerequisites {
  chromium: string;
  orthanc: string;
  dicomwebPlugin: string;
  /** The folder of PostgreSQL's server programs (`initdb`, `pg_ctl`, `postgres`). */
  postgresBin: string;
}

function findExecutable(names: readonly string[], extraDirs: readonly string[]): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const name of names) {
    if (path.isAbsolute(name)) {
      if (fs.existsSync(name)) return name;
      continue;
    }
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Debian installs each PostgreSQL major version's server programs under /usr/lib/postgresql/N/bin, outside PATH;
 * the newest there is taken, or PASSERELLE_POSTGRES_BIN.
 */
export function locatePostgresBin(): string | undefined {
  const hasServer = (dir: string) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'));
  const fromEnv = process.env.PASSERELLE_POSTGRES_BIN;
  if (fromEnv) return hasServer(fromEnv) ? fromEnv : undefined;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const candidates = [...versions.map((version) => path.join(root, version, 'bin')), ...(process.env.PATH ?? '').split(path.delimiter)];
  return candidates.find((dir) => dir !== '' && hasServer(dir));
}

export function locatePrerequisites(): { found: Prerequisites } | { missing: string[] } {
  const chromium = findExecutable([process.env.PASSERELLE_CHROMIUM ?? '', 'chromium', 'chromium-browser'].filter(Boolean), ['/usr/bin']);
  const orthanc = findExecutable([process.env.PASSERELLE_ORTHANC ?? '', 'Orthanc'].filter(Boolean), ['/usr/sbin', '/usr/local/sbin', '/usr/bin']);
  const pluginCandidates = [
    process.env.PASSERELLE_ORTHANC_DICOMWEB ?? '',
    '/usr/share/orthanc/plugins/libOrthancDicomWeb.so',
    '/usr/lib/orthanc/plugins/libOrthancDicomWeb.so',
  ].filter(Boolean);
  const dicomwebPlugin = pluginCandidates.find((candidate) => fs.existsSync(candidate));
  const postgresBin = locatePostgresBin();
  const missing: string[] = [];
  if (!chromium) missing.push('Chromium (/usr/bin/chromium; or set PASSERELLE_CHROMIUM)');
  if (!orthanc) missing.push('Orthanc (the Orthanc executable; or set PASSERELLE_ORTHANC)');
  if (!dicomwebPlugin) missing.push('the Orthanc DICOMweb plugin (libOrthancDicomWeb.so; or set PASSERELLE_ORTHANC_DICOMWEB)');
  if (!findExecutable(['pdftotext'], ['/usr/bin'])) missing.push('pdftotext (poppler-utils), the PDF reader the demo report is checked with');
  if (!fs.existsSync('/usr/lib/python3/dist-packages/pydicom/data/test_files') || !fs.existsSync('/usr/bin/python3')) {
    missing.push("pydicom and its test files (python3-pydicom, for Debian's /usr/bin/python3), the corpus gallery's source");
  }
  for (const [tool, pkg] of [['dcmj2pnm', 'dcmtk'], ['dcml2pnm', 'dcmtk'], ['dcm2pnm', 'dcmtk'], ['gdcmconv', 'libgdcm-tools']] as const) {
    if (!findExecutable([tool], ['/usr/bin'])) missing.push(`${tool} (${pkg}), a reference renderer of the corpus gallery`);
  }
  if (!postgresBin) missing.push('the PostgreSQL server (initdb and pg_ctl, postgresql package; or set PASSERELLE_POSTGRES_BIN)');
  if (missing.length > 0 || !chromium || !orthanc || !dicomwebPlugin || !postgresBin) return { missing };
  return { found: { chromium, orthanc, dicomwebPlugin, postgresBin } };
}

/** Throws a loud, actionable error when a prerequisite is missing. */
export function requirePrerequisites(): Prerequisites {
  const located = locatePrerequisites();
  if ('missing' in located) {
    throw new Error(
      `The tests need real parts that are not installed:\n${located.missing.map((line) => `  - ${line}`).join('\n')}\nInstall them with:\n  ${INSTALL_COMMAND}`,
    );
  }
  return located.found;
}
