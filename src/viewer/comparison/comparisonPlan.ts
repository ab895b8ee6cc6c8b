/**
 * From a hanging protocol's stage assignment (pure, `src/hanging-protocols`) to what the viewport grid shows:
 * each viewport's site, study and series, and the synchronisation groups. Viewports the stage leaves empty or
 * gives to the report are filled by the workspace with the current study's other series.
 */
import type { PublicSite } from '../../domain/config/publicConfig.ts';
import type { StageAssignment } from '../../hanging-protocols/assignViewports.ts';
import type { ProtocolStage } from '../../hanging-protocols/protocolTypes.ts';
import { viewportCount, type LayoutId } from '../../domain/viewer/viewportLayouts.ts';
import { contentKey, type ViewportContent, type WorkspacePlan } from '../workspacePlan.ts';

/** The smallest grid for a number of viewports, when a stage fills fewer than its layout holds. */
function layoutFor(count: number, stageLayout: LayoutId): LayoutId {
  if (count >= viewportCount(stageLayout)) return stageLayout;
  return count <= 1 ? '1x1' : count === 2 ? '1x2' : count === 3 ? '1x3' : count === 4 ? '2x2' : stageLayout;
}

export function workspacePlan(stage: ProtocolStage, assignment: StageAssignment, sites: readonly PublicSite[], origin: WorkspacePlan['origin']): WorkspacePlan {
  const viewports: ViewportContent[] = [];
  for (const assigned of assignment.viewports) {
    if (assigned.kind !== 'series') break;
    const site = sites.find((candidate) => candidate.id === assigned.study.siteId);
    if (!site) break;
    viewports.push({ site, studyUid: assigned.study.studyUid, seriesUid: assigned.series.seriesUid });
  }
  return {
    origin,
    layout: layoutFor(viewports.length, stage.layout),
    viewports,
    syncGroups: assignment.syncGroups
      .map((group) => ({
        viewports: group.viewports.filter((index) => index < viewports.length),
        scroll: group.kinds.includes('scroll'),
        voi: group.kinds.includes('voi'),
        zoomPan: group.kinds.includes('zoomPan'),
      }))
      .filter((group) => group.viewports.length > 1),
  };
}

/** A key that changes only when what the plan shows changes, so that an equal plan is not applied twice. */
export function planKey(plan: WorkspacePlan): string {
  return JSON.stringify([plan.origin, plan.layout, plan.viewports.map(contentKey), plan.syncGroups]);
}
