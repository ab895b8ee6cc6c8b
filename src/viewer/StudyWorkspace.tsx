/**
 * The study's workspace: series browser, toolbar and a grid of stack viewports. One viewport is active: the
 * browser, the toolbar and the keys act on it. Loaded lazily, with Cornerstone3D.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PublicSite } from '../domain/config/publicConfig.ts';
import type { SeriesUid, StudyUid } from '../domain/dicom/identifiers.ts';
import { isImageSeries, type SeriesSummary } from '../domain/viewer/seriesChoice.ts';
import { fillViewports, layoutGrid, viewportCount, type LayoutId } from '../domain/viewer/viewportLayouts.ts';
import type { ViewCommand } from './cornerstone/viewPresentation.ts';
import type { PrimaryTool } from './cornerstone/viewportTools.ts';
import { SeriesBrowser } from './SeriesBrowser.tsx';
import type { ViewportControls } from './StackViewer.tsx';
import { CINE_KEY, COMMAND_KEYS, OVERLAY_KEY, ViewerToolbar } from './ViewerToolbar.tsx';
import { ViewportSlot } from './ViewportSlot.tsx';
import { ReportPanel } from './reports/ReportPanel.tsx';
import { useReportOpen } from './reports/useReportOpen.ts';
import { contentKey, type ViewportContent, type ViewportSyncGroup, type WorkspacePlan } from './workspacePlan.ts';
import { useViewportSync } from './sync/useViewportSync.ts';
import { REALIGN_KEY, SyncControls } from './sync/SyncControls.tsx';
import { isTextEntry } from '../shell/isTextEntry.ts';
import { usePrefetchHold } from './cornerstone/usePrefetchHold.ts';

interface StudyWorkspaceProps {
  site: PublicSite;
  studyUid: StudyUid;
  series: readonly SeriesSummary[];
  first: SeriesSummary;
  /** The hanging protocol's layout and viewports, once chosen; the user's own changes win until it changes. */
  plan?: WorkspacePlan | undefined;
  /** The hanging protocol may still place a prior: until it has, no series prefetches. */
  placing?: boolean;
  /** Above the viewports: the comparison bar (protocol, prior, synchronisation). */
  children?: ReactNode;
}

const KEY_COMMANDS = new Map<string, ViewCommand>([...Object.entries(COMMAND_KEYS).map(([command, key]) => [key, command as ViewCommand] as const), ['escape', 'reset']]);

const NO_SYNC: readonly ViewportSyncGroup[] = [];

export function StudyWorkspace({ site, studyUid, series, first, plan, placing = false, children }: StudyWorkspaceProps) {
  usePrefetchHold(placing);
  const [layout, setLayout] = useState<LayoutId>('1x1');
  const ownContents = useMemo(
    () => new Map(series.map((entry) => [entry.seriesUid, { site, studyUid, seriesUid: entry.seriesUid } satisfies ViewportContent])),
    [series, site, studyUid],
  );
  const firstContent = ownContents.get(first.seriesUid) ?? { site, studyUid, seriesUid: first.seriesUid };
  const [assigned, setAssigned] = useState<ViewportContent[]>([firstContent]);
  const [active, setActive] = useState(0);
  const [primaryTool, setPrimaryTool] = useState<PrimaryTool>('windowLevel');
  const [overlays, setOverlays] = useState(true);
  const [playing, setPlaying] = useState<ReadonlySet<number>>(new Set());
  const [frameRate, setFrameRate] = useState(10);
  const [thumbnailsAllowed, setThumbnailsAllowed] = useState(false);
  const controls = useRef(new Map<number, ViewportControls>());
  const [reportOpen] = useReportOpen();

  const imageSeries = useMemo(
    () =>
      [first, ...series.filter((entry) => entry !== first && isImageSeries(entry)).sort((a, b) => (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER))].flatMap(
        (entry) => ownContents.get(entry.seriesUid) ?? [],
      ),
    [series, first, ownContents],
  );

  // A new plan (the hanging protocol resolved, another stage, another prior) replaces the grid once.
  // An automatic plan arriving after the reader changed the layout or a series leaves their choice alone.
  const [appliedPlan, setAppliedPlan] = useState<WorkspacePlan | undefined>(undefined);
  const [readerChanged, setReaderChanged] = useState(false);
  if (plan && plan !== appliedPlan && (plan.origin === 'reader' || !readerChanged)) {
    setAppliedPlan(plan);
    setLayout(plan.layout);
    setAssigned(fillViewports(plan.viewports, viewportCount(plan.layout), imageSeries));
    setActive(0);
    setPlaying(new Set());
  }
  const grid = layoutGrid(layout);
  const sync = useViewportSync(controls, plan?.syncGroups ?? NO_SYNC, active, assigned);
  const realign = sync.canRealign ? sync.realign : undefined;

  const chooseLayout = (next: LayoutId) => {
    const count = viewportCount(next);
    setReaderChanged(true);
    setLayout(next);
    setAssigned((current) => fillViewports(current, count, imageSeries));
    setActive((index) => (index < count ? index : 0));
    setPlaying((current) => new Set([...current].filter((index) => index < count)));
  };
  const putSeries = useCallback((index: number, seriesUid: SeriesUid) => {
    const content = ownContents.get(seriesUid);
    if (!content || !series.some((entry) => entry.seriesUid === seriesUid && isImageSeries(entry))) return;
    setReaderChanged(true);
    setAssigned((current) => current.map((shown, slot) => (slot === index ? content : shown)));
    setPlaying((current) => new Set([...current].filter((slot) => slot !== index)));
  }, [series, ownContents]);
  const registerControls = useCallback((index: number, control: ViewportControls | undefined) => {
    if (control) controls.current.set(index, control);
    else controls.current.delete(index);
  }, []);
  const onStateChange = useCallback((index: number, state: 'loading' | 'ready' | 'error') => {
    if (index === 0 && state !== 'loading') setThumbnailsAllowed(true);
  }, []);
  const command = useCallback((name: ViewCommand) => controls.current.get(active)?.command(name), [active]);
  const toggleCine = useCallback(
    () =>
      setPlaying((current) => {
        const next = new Set(current);
        if (!next.delete(active)) next.add(active);
        return next;
      }),
    [active],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTextEntry(event.target)) return;
      const key = event.key.toLowerCase();
      const named = KEY_COMMANDS.get(key);
      if (named) {
        event.preventDefault();
        command(named);
      } else if (key === CINE_KEY) {
        event.preventDefault();
        toggleCine();
      } else if (key === OVERLAY_KEY) {
        event.preventDefault();
        setOverlays((shown) => !shown);
      } else if (key === REALIGN_KEY && realign) {
        event.preventDefault();
        realign();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [command, toggleCine, realign]);

  return (
    <div className="viewer-workspace">
      <ViewerToolbar
        layout={layout}
        onLayout={chooseLayout}
        primaryTool={primaryTool}
        onPrimaryTool={setPrimaryTool}
        onCommand={command}
        playing={playing.has(active)}
        onToggleCine={toggleCine}
        frameRate={frameRate}
        onFrameRate={setFrameRate}
        overlays={overlays}
        onToggleOverlays={() => setOverlays((shown) => !shown)}
      />
      {children}
      {(plan?.syncGroups.length ?? 0) > 0 && <SyncControls sync={sync} />}
      <div className="viewer-body">
        <SeriesBrowser site={site} studyUid={studyUid} series={series} activeSeriesUid={assigned[active]?.studyUid === studyUid && assigned[active]?.site.id === site.id ? assigned[active]?.seriesUid : undefined} thumbnailsAllowed={thumbnailsAllowed} onPick={(uid) => putSeries(active, uid)} />
        <div className="viewer-stage viewport-grid" style={{ gridTemplateColumns: `repeat(${grid.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${grid.rows}, minmax(0, 1fr))` }}>
          {assigned.map((content, index) => (
            <ViewportSlot
              key={`${index}:${contentKey(content)}`}
              site={content.site}
              studyUid={content.studyUid}
              seriesUid={content.seriesUid}
              viewportIndex={index}
              active={index === active}
              primaryTool={primaryTool}
              showOverlays={overlays}
              playing={playing.has(index)}
              frameRate={frameRate}
              onStateChange={onStateChange}
              registerControls={registerControls}
              onActivate={setActive}
              onDropSeries={putSeries}
              onImageShown={sync.onImageShown}
              onVoiChanged={sync.onVoiChanged}
              onPresentationChanged={sync.onPresentationChanged}
              syncBadge={sync.badge(index)}
            />
          ))}
        </div>
        {reportOpen && <ReportPanel site={site} studyUid={studyUid} />}
      </div>
    </div>
  );
}
