/**
 * Headers sent on every gateway response. The Content-Security-Policy allows only same-origin code, WebAssembly
 * compilation for the image codecs (`'wasm-unsafe-eval'`) and workers from the app or from blobs; no inline
 * script, no plug-ins, no framing.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': contentSecurityPolicy,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/**
 * The headers of a gateway with sign-in: the sign-out form posts to the gateway, which redirects to the identity
 * provider's end_session_endpoint, and browsers apply `form-action` to that redirect too, so the provider's origin
 * (the issuer's) is the one other target a form may reach. Nothing else changes.
 */
export function securityHeadersFor(identityProviderOrigin: string | undefined): Readonly<Record<string, string>> {
  if (!identityProviderOrigin) return securityHeaders;
  return {
    ...securityHeaders,
    'content-security-policy': contentSecurityPolicy.replace("form-action 'self'", `form-action 'self' ${identityProviderOrigin}`),
  };
}
