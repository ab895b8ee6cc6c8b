import type { QueryClient } from '@tanstack/react-query';

/**
 * After a decision, nothing this browser holds may keep showing the old links: the review's own queries and the
 * worklist's identity cross-references (`['pix', …]`) are dropped and asked again.
 */
export function forgetIdentityAnswers(queryClient: QueryClient): Promise<void> {
  queryClient.removeQueries({ queryKey: ['pix'] });
  return queryClient.invalidateQueries({ queryKey: ['identity-review'] });
}
