/** Puts an HTTP failure in words: status, reason, and the gateway's or archive's own message when it sent one. */
export async function describeHttpFailure(response: Response): Promise<string> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    text = '';
  }
  return describeHttpText(response, text);
}

/** The same, from a body already read. */
export function describeHttpText(response: Pick<Response, 'status' | 'statusText'>, body: string): string {
  let detail: string;
  const text = body.slice(0, 500);
  try {
    const json = JSON.parse(text) as { error?: unknown };
    detail = typeof json.error === 'string' ? json.error : '';
  } catch {
    detail = text.trim();
  }
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return detail ? `${status}: ${detail}` : status;
}
