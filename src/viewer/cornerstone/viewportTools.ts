/**
 * The tools of a stack viewport: the wheel scrolls, the right button zooms, the middle button pans, and the
 * left button does what the user chose: window/level, pan, zoom, or a measurement (length, angle, elliptical
 * ROI with mean and standard deviation in modality units). Measurements belong to the image they are drawn on.
 */
import {
  AngleTool,
  EllipticalROITool,
  Enums as ToolEnums,
  LengthTool,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';

import { i18n, displayLocale } from '../../i18n/i18n.ts';
import { angleTextLines, lengthTextLines, roiTextLines, type RoiStatistics } from '../../domain/viewer/measurementText.ts';

export const VIEWPORT_TOOLS = [WindowLevelTool, ZoomTool, PanTool, StackScrollTool, LengthTool, AngleTool, EllipticalROITool];

export const PRIMARY_TOOLS = ['windowLevel', 'pan', 'zoom', 'length', 'angle', 'ellipse'] as const;
export type PrimaryTool = (typeof PRIMARY_TOOLS)[number];

const TOOL_NAMES: Readonly<Record<PrimaryTool, string>> = {
  windowLevel: WindowLevelTool.toolName,
  pan: PanTool.toolName,
  zoom: ZoomTool.toolName,
  length: LengthTool.toolName,
  angle: AngleTool.toolName,
  ellipse: EllipticalROITool.toolName,
};

const { MouseBindings } = ToolEnums;

type CachedStats<T> = { cachedStats: Record<string, T | undefined> };

/** The UI language's locale, read when a measurement is drawn, so that a language switch applies at once. */
const locale = () => displayLocale(i18n.resolvedLanguage);

/** Measurement texts in the UI language, instead of the tools' English defaults. */
const MEASUREMENT_TEXT: Readonly<Record<string, { getTextLines: (data: never, targetId: string) => string[] }>> = {
  [LengthTool.toolName]: {
    getTextLines: (data: CachedStats<{ length?: number; unit?: string }>, targetId: string) => {
      const stats = data.cachedStats[targetId];
      return lengthTextLines(stats?.length, stats?.unit, locale());
    },
  },
  [AngleTool.toolName]: {
    getTextLines: (data: CachedStats<{ angle?: number }>, targetId: string) => angleTextLines(data.cachedStats[targetId]?.angle, locale()),
  },
  [EllipticalROITool.toolName]: {
    getTextLines: (data: CachedStats<RoiStatistics>, targetId: string) =>
      roiTextLines(
        data.cachedStats[targetId],
        {
          area: i18n.t('viewer.measure.area'),
          obliqueArea: i18n.t('viewer.measure.obliqueArea'),
          mean: i18n.t('viewer.measure.mean'),
          stdDev: i18n.t('viewer.measure.stdDev'),
          min: i18n.t('viewer.measure.min'),
          max: i18n.t('viewer.measure.max'),
        },
        locale(),
      ),
  },
};

/** Creates the tool group of one viewport, the left button on `primary`. */
export function createViewportTools(toolGroupId: string, primary: PrimaryTool): ToolTypes.IToolGroup {
  const toolGroup = ToolGroupManager.createToolGroup(toolGroupId);
  if (!toolGroup) throw new Error(`tool group ${toolGroupId} exists already`);
  for (const tool of VIEWPORT_TOOLS) toolGroup.addTool(tool.toolName, MEASUREMENT_TEXT[tool.toolName]);
  toolGroup.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
  setPrimaryTool(toolGroup, primary);
  return toolGroup;
}

/** Puts `primary` on the left button; zoom stays on the right button and pan on the middle one. */
export function setPrimaryTool(toolGroup: ToolTypes.IToolGroup, primary: PrimaryTool): void {
  for (const tool of PRIMARY_TOOLS) {
    const bindings: { mouseButton: number }[] = [];
    if (tool === primary) bindings.push({ mouseButton: MouseBindings.Primary });
    if (tool === 'zoom') bindings.push({ mouseButton: MouseBindings.Secondary });
    if (tool === 'pan') bindings.push({ mouseButton: MouseBindings.Auxiliary });
    toolGroup.setToolPassive(TOOL_NAMES[tool], { removeAllBindings: true });
    if (bindings.length > 0) toolGroup.setToolActive(TOOL_NAMES[tool], { bindings });
  }
}
