/**
 * When the gateway answers 401 (no session, or it ended), the page goes to sign-in and comes back to where it was:
 * an IHE Invoke Image Display link opened without a session returns to the same launch with its parameters. Every
 * same-origin fetch and XMLHttpRequest (the image loader's) is watched, so no caller has to remember.
 */
import { SIGNED_OUT_PATH, signInPath } from '../domain/auth/currentUser.ts';

let leaving = false;

/**
 * The user asked to sign out: the page is leaving for the provider's sign-out. A 401 that the page's last requests
 * (the viewer's frames) get meanwhile must not start a sign-in, whose navigation would cancel the sign-out's.
 */
export function signingOut(): void {
  leaving = true;
}

export function goToSignIn(): void {
  if (leaving || window.location.pathname === SIGNED_OUT_PATH) return;
  leaving = true;
  window.location.assign(signInPath(window.location.pathname, window.location.search));
}

function isGatewayUrl(url: string | URL): boolean {
  try {
    return new URL(url, window.location.href).origin === window.location.origin;
  } catch {
    return false;
  }
}

export function installSignInRedirect(): void {
  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const response = await originalFetch(input, init);
    const url = typeof input === 'string' || input instanceof URL ? input : input.url;
    if (response.status === 401 && isGatewayUrl(url)) goToSignIn();
    return response;
  };
  const originalOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function open(this: XMLHttpRequest, ...args: Parameters<XMLHttpRequest['open']>) {
    const url = args[1];
    this.addEventListener('loadend', () => {
      if (this.status === 401 && isGatewayUrl(url)) goToSignIn();
    });
    return originalOpen.apply(this, args as unknown as Parameters<typeof originalOpen>);
  } as XMLHttpRequest['open'];
}
