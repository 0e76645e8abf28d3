import type { Node, Point, Position } from 'unist';
import type { VFile } from 'vfile';

type VFileMessage = ReturnType<VFile['message']>;

/** Where a message points: a node of the tree, a span, a point, or nowhere in particular. */
export type MessagePlace = Node | Position | Point | undefined;

const placeOf = (at: MessagePlace): Position | Point | undefined =>
  at && 'type' in at ? at.position : at;

/**
 * Records an error on the file without throwing, so one run reports every problem. Every
 * stage's messages go through here and `contentWarning`: one shape, `source: 'briefkit'`.
 */
export function contentError(
  file: VFile,
  reason: string,
  at: MessagePlace,
  ruleId: string,
): VFileMessage {
  const message = contentWarning(file, reason, at, ruleId);
  message.fatal = true;
  return message;
}

/** Records a warning on the file: reported, but the build goes on. */
export function contentWarning(
  file: VFile,
  reason: string,
  at: MessagePlace,
  ruleId: string,
): VFileMessage {
  return file.message(reason, { place: placeOf(at), ruleId, source: 'briefkit' });
}
