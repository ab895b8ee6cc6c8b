/** Puts an HTTP failure in words: status, reason, and the gateway's or archive's own message when it sent one. */
export async function describeHttpFailure(response: Response): Promise<string> {
  let detail: string;
  try {
    const text = (await response.text()).slice(0, 500);
    try {
      const json = JSON.parse(text) as { error?: unknown };
      detail = typeof json.error === 'string' ? json.error : '';
    } catch {
      detail = text.trim();
    }
  } catch {
    detail = '';
  }
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return detail ? `${status}: ${detail}` : status;
}
