/**
 * For tests: a client that keeps cookies per origin and follows redirects by hand, as a browser does, so a test
 * can go through a real sign-in (gateway → provider's page → form → gateway) with plain fetch.
 */
export interface BrowserLikeClient {
  /** Cookies held for an origin (name → value). */
  cookies(origin: string): Map<string, string>;
  /** One request, no redirect followed; cookies sent and stored. */
  request(url: string, init?: RequestInit): Promise<Response>;
  /** Follows redirects (GET after 302/303) until a non-redirect answer; returns it and the URL it came from. */
  navigate(url: string, init?: RequestInit): Promise<{ response: Response; url: string }>;
}

export function browserLikeClient(): BrowserLikeClient {
  const jars = new Map<string, Map<string, string>>();
  const jar = (origin: string) => {
    let found = jars.get(origin);
    if (!found) jars.set(origin, (found = new Map()));
    return found;
  };
  const request = async (url: string, init: RequestInit = {}) => {
    const origin = new URL(url).origin;
    const headers = new Headers(init.headers);
    const cookieHeader = [...jar(origin)].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookieHeader) headers.set('cookie', cookieHeader);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === '';
      if (expired) jar(origin).delete(name);
      else jar(origin).set(name, value);
    }
    return response;
  };
  return {
    cookies: jar,
    request,
    async navigate(url, init) {
      let current = url;
      let response = await request(current, init);
      for (let hops = 0; hops < 20 && response.status >= 300 && response.status < 400; hops += 1) {
        const location = response.headers.get('location');
        if (!location) break;
        current = new URL(location, current).href;
        response = await request(current);
      }
      return { response, url: current };
    },
  };
}

/** Signs in at the demo provider's page as `login`, starting at `startUrl` (a gateway's /auth/login); ends where the gateway sends back. */
export async function signInAtDemoProvider(client: BrowserLikeClient, startUrl: string, login: string, password = 'demo') {
  const page = await client.navigate(startUrl);
  const html = await page.response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no sign-in form at ${page.url} (HTTP ${page.response.status}): ${html.slice(0, 300)}`);
  return client.navigate(new URL(action.replace(/&amp;/g, '&'), page.url).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login, password }).toString(),
  });
}

/** Submits the first form of `html` (served at `pageUrl`) with its hidden fields, as the page's script would. */
export async function submitFirstForm(client: BrowserLikeClient, pageUrl: string, html: string) {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form?.[1]) throw new Error(`no form at ${pageUrl}: ${html.slice(0, 300)}`);
  const fields = new URLSearchParams();
  for (const input of (form[2] ?? '').matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    if (name) fields.set(name, value);
  }
  return client.navigate(new URL(form[1].replace(/&amp;/g, '&'), pageUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });
}
