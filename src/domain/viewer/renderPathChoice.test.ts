import { describe, expect, it } from 'vitest';
import { chooseRenderPath, isSoftwareRenderer } from './renderPathChoice.ts';

const swiftShader = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const nvidia = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002504) Direct3D11 vs_5_0 ps_5_0, D3D11)';

describe('isSoftwareRenderer', () => {
  it('knows the software rasterisers of virtual desktops and driverless machines', () => {
    expect(isSoftwareRenderer(swiftShader)).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(true);
  });

  it('does not take a graphics processor, or an unknown renderer, for one', () => {
    expect(isSoftwareRenderer(nvidia)).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(isSoftwareRenderer(undefined)).toBe(false);
  });
});

describe('chooseRenderPath', () => {
  it('draws on the GPU with a graphics processor and on the CPU with a software WebGL, when left to decide', () => {
    expect(chooseRenderPath('auto', { available: true, renderer: nvidia }).path).toBe('gpu');
    expect(chooseRenderPath('auto', { available: true, renderer: swiftShader })).toEqual({ path: 'cpu', reason: `software WebGL (${swiftShader})` });
    expect(chooseRenderPath('auto', { available: true, renderer: undefined }).path).toBe('gpu');
  });

  it('follows the deployment’s choice, except that without WebGL only the CPU can draw', () => {
    expect(chooseRenderPath('gpu', { available: true, renderer: swiftShader }).path).toBe('gpu');
    expect(chooseRenderPath('cpu', { available: true, renderer: nvidia }).path).toBe('cpu');
    expect(chooseRenderPath('gpu', { available: false, renderer: undefined })).toEqual({ path: 'cpu', reason: 'no WebGL' });
  });
});
