import { describe, expect, it } from 'vitest';
import { cookieNames, readCookie, serializeCookie } from './sessionCookie.ts';

describe('session cookie', () => {
  it('is __Host- prefixed and Secure over https, HttpOnly and SameSite=Lax with Path=/ and no Domain always', () => {
    const names = cookieNames(true);
    expect(names.session).toBe('__Host-passerelle-session');
    const cookie = serializeCookie(names.session, 'abc_-123', { secure: true });
    expect(cookie).toBe('__Host-passerelle-session=abc_-123; Path=/; HttpOnly; SameSite=Lax; Secure');
    expect(cookie).not.toMatch(/Domain/i);
    expect(cookie).not.toMatch(/Max-Age|Expires/i);
  });

  it('has a plain name over http (a browser refuses __Host- without Secure) and can be deleted', () => {
    expect(cookieNames(false)).toEqual({ session: 'passerelle-session', signIn: 'passerelle-signin' });
    expect(serializeCookie('passerelle-signin', '', { secure: false, maxAgeSeconds: 0 })).toBe('passerelle-signin=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
  });

  it('writes only base64url values', () => {
    expect(() => serializeCookie('x', 'a;b', { secure: false })).toThrow();
  });

  it('reads a cookie among others', () => {
    expect(readCookie('a=1; passerelle-session=xyz; b=2', 'passerelle-session')).toBe('xyz');
    expect(readCookie('passerelle-session-other=1', 'passerelle-session')).toBeUndefined();
    expect(readCookie(undefined, 'a')).toBeUndefined();
  });
});
