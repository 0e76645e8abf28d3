import type { Node } from 'unist';
import type { VFile } from 'vfile';

/** Reports a content error at a node without throwing, so one run lists every problem. */
export function contentError(
  file: VFile,
  reason: string,
  node: Node | undefined,
  ruleId: string,
): void {
  const message = file.message(reason, { place: node?.position, ruleId, source: 'briefkit' });
  message.fatal = true;
}

export function contentWarning(
  file: VFile,
  reason: string,
  node: Node | undefined,
  ruleId: string,
): void {
  file.message(reason, { place: node?.position, ruleId, source: 'briefkit' });
}
