import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost } from './requestOrigin.ts';

describe('loopback names', () => {
  it('knows the loopback listening addresses', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) expect(isLoopbackAddress(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'passerelle.example', 'localhost.evil.example']) expect(isLoopbackAddress(host), host).toBe(false);
  });

  it('accepts loopback Host headers with a port only', () => {
    expect(isLoopbackHost('127.0.0.1:8080')).toBe(true);
    expect(isLoopbackHost('localhost:8080')).toBe(true);
    expect(isLoopbackHost('[::1]:8080')).toBe(true);
    expect(isLoopbackHost('rebound.evil.example:8080')).toBe(false);
    expect(isLoopbackHost(undefined)).toBe(false);
  });
});
