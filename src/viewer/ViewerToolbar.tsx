/**
 * The viewer's toolbar: layouts, the left-button tool, the presentation commands of the active viewport, cine
 * and overlays. Every button is labelled and names its key.
 */
import { useTranslation } from 'react-i18next';
import { LAYOUT_IDS, type LayoutId } from '../domain/viewer/viewportLayouts.ts';
import type { ViewCommand } from './cornerstone/viewPresentation.ts';
import { PRIMARY_TOOLS, type PrimaryTool } from './cornerstone/viewportTools.ts';

/** The key of each command (lower case; Escape resets too). */
export const COMMAND_KEYS: Readonly<Partial<Record<ViewCommand, string>>> = { invert: 'i', rotate: 'r', flipH: 'h', flipV: 'v', reset: '0' };
export const CINE_KEY = 'c';
export const OVERLAY_KEY = 'o';

const COMMANDS: readonly ViewCommand[] = ['invert', 'rotate', 'flipH', 'flipV', 'fit', 'actualSize', 'reset'];

interface ViewerToolbarProps {
  layout: LayoutId;
  onLayout: (layout: LayoutId) => void;
  primaryTool: PrimaryTool;
  onPrimaryTool: (tool: PrimaryTool) => void;
  onCommand: (command: ViewCommand) => void;
  playing: boolean;
  onToggleCine: () => void;
  frameRate: number;
  onFrameRate: (rate: number) => void;
  overlays: boolean;
  onToggleOverlays: () => void;
}

export function ViewerToolbar(props: ViewerToolbarProps) {
  const { t } = useTranslation();
  const withKey = (label: string, key: string | undefined) => (key ? `${label} (${key === '0' ? '0, Esc' : key.toUpperCase()})` : label);
  return (
    <div className="viewer-toolbar" role="toolbar" aria-label={t('viewer.tools.toolbar')} data-testid="viewer-toolbar">
      <div role="group" aria-label={t('viewer.layout.label')} className="tool-group">
        {LAYOUT_IDS.map((id) => (
          <button
            key={id}
            type="button"
            data-layout={id}
            aria-pressed={props.layout === id}
            aria-label={t('viewer.layout.choose', { layout: id.replace('x', '×') })}
            title={t('viewer.layout.choose', { layout: id.replace('x', '×') })}
            onClick={() => props.onLayout(id)}
          >
            {id.replace('x', '×')}
          </button>
        ))}
      </div>
      <div role="group" aria-label={t('viewer.tools.leftButton')} className="tool-group">
        {PRIMARY_TOOLS.map((tool) => (
          <button key={tool} type="button" data-tool={tool} aria-pressed={props.primaryTool === tool} onClick={() => props.onPrimaryTool(tool)}>
            {t(`viewer.tools.${tool}`)}
          </button>
        ))}
      </div>
      <div role="group" aria-label={t('viewer.tools.view')} className="tool-group">
        {COMMANDS.map((command) => {
          const label = t(`viewer.tools.${command}`);
          return (
            <button key={command} type="button" data-command={command} title={withKey(label, COMMAND_KEYS[command])} onClick={() => props.onCommand(command)}>
              {label}
            </button>
          );
        })}
      </div>
      <div role="group" aria-label={t('viewer.tools.cine')} className="tool-group">
        <button type="button" data-command="cine" aria-pressed={props.playing} title={withKey(t('viewer.tools.cine'), CINE_KEY)} onClick={props.onToggleCine}>
          {props.playing ? t('viewer.tools.pause') : t('viewer.tools.play')}
        </button>
        <label className="frame-rate">
          {t('viewer.tools.frameRate')}
          <input type="number" min={1} max={60} value={props.frameRate} onChange={(event) => props.onFrameRate(Math.min(60, Math.max(1, Number(event.target.value) || 1)))} />
        </label>
      </div>
      <button type="button" data-command="overlays" aria-pressed={props.overlays} title={withKey(t('viewer.tools.overlays'), OVERLAY_KEY)} onClick={props.onToggleOverlays}>
        {t('viewer.tools.overlays')}
      </button>
    </div>
  );
}
