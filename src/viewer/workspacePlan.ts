/** What the viewport grid shows: a layout and, per viewport, a series of a study at a site (the current study or a prior). */
import type { PublicSite } from '../domain/config/publicConfig.ts';
import type { SeriesUid, StudyUid } from '../domain/dicom/identifiers.ts';
import type { LayoutId } from '../domain/viewer/viewportLayouts.ts';

export interface ViewportContent {
  site: PublicSite;
  studyUid: StudyUid;
  seriesUid: SeriesUid;
}

/** A group of viewports kept in step, and in what. */
export interface ViewportSyncGroup {
  viewports: readonly number[];
  scroll: boolean;
  voi: boolean;
  zoomPan: boolean;
}

export interface WorkspacePlan {
  /** `automatic`: the protocol matched on opening (it does not undo what the reader already changed); `reader`: asked for. */
  origin: 'automatic' | 'reader';
  layout: LayoutId;
  viewports: readonly ViewportContent[];
  syncGroups: readonly ViewportSyncGroup[];
}

/** A stable key of a viewport's content, for React keys and remembered alignments. */
export function contentKey(content: ViewportContent): string {
  return `${content.site.id}/${content.studyUid}/${content.seriesUid}`;
}
