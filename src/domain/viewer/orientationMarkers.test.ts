import { describe, expect, it } from 'vitest';
import { directionLetters, markersFromCamera, markersFromOrientation } from './orientationMarkers.ts';

describe('directionLetters', () => {
  it('names the LPS directions, strongest first', () => {
    expect(directionLetters([1, 0, 0])).toBe('L');
    expect(directionLetters([-1, 0, 0])).toBe('R');
    expect(directionLetters([0, -1, 0])).toBe('A');
    expect(directionLetters([0, 0, -1])).toBe('F');
    expect(directionLetters([0.5, -0.866, 0])).toBe('AL');
    expect(directionLetters([0.99, 0.1, 0])).toBe('L');
    expect(directionLetters([0, 0, 0])).toBe('');
  });
});

describe('markersFromOrientation', () => {
  it('gives R/L/A/P for an axial image', () => {
    expect(markersFromOrientation([1, 0, 0, 0, 1, 0])).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
  });
  it('gives A/P/H/F for a sagittal image and R/L/H/F for a coronal one', () => {
    expect(markersFromOrientation([0, 1, 0, 0, 0, -1])).toEqual({ left: 'A', right: 'P', top: 'H', bottom: 'F' });
    expect(markersFromOrientation([1, 0, 0, 0, 0, -1])).toEqual({ left: 'R', right: 'L', top: 'H', bottom: 'F' });
  });
  it('is undefined for a missing or degenerate orientation', () => {
    expect(markersFromOrientation(undefined)).toBeUndefined();
    expect(markersFromOrientation([1, 0, 0])).toBeUndefined();
    expect(markersFromOrientation([1, 0, 0, 0, 0, 0])).toBeUndefined();
  });
});

describe('markersFromCamera', () => {
  it('agrees with the orientation for the camera of an axial stack, and follows a flip', () => {
    expect(markersFromCamera([0, -1, 0], [0, 0, -1])).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
    expect(markersFromCamera([0, -1, 0], [0, 0, 1])).toEqual({ left: 'L', right: 'R', top: 'A', bottom: 'P' });
  });
});
