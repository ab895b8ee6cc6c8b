/**
 * Whether the report panel is shown: the `report=1` display flag of the viewer's URL, so that a link (the
 * worklist's report marker, a bookmark) opens the viewer with the panel, and Back undoes a toggle.
 */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The URL parameter of the flag; its only meaning is "show the panel". */
export const REPORT_PARAMETER = 'report';

/** `[open, setOpen]` for the report panel of the current viewer URL. */
export function useReportOpen(): [boolean, (open: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const open = params.get(REPORT_PARAMETER) === '1';
  const setOpen = useCallback(
    (next: boolean) =>
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next) updated.set(REPORT_PARAMETER, '1');
          else updated.delete(REPORT_PARAMETER);
          return updated;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [open, setOpen];
}
