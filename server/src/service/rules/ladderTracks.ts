import { isScalar } from 'yaml';
import { nodeAt, nodeRange } from '../ast';
import type { ParsedDocument } from '../parse';
import { isRecord } from '../schemas';
import type { Range } from '../types';

export interface TrackEntry {
  trackId: string;
  roleId: string;
  range: Range;
}

/** The role ids of each track of a ladder, in the order written, with their ranges. */
export function ladderTracks(parsed: ParsedDocument): TrackEntry[][] {
  if (parsed.kind !== 'ladder' || !isRecord(parsed.value) || !Array.isArray(parsed.value.tracks)) return [];
  return parsed.value.tracks.map((track, trackIndex) => {
    if (!isRecord(track) || !Array.isArray(track.roles)) return [];
    const trackId = typeof track.id === 'string' ? track.id : `#${trackIndex + 1}`;
    const entries: TrackEntry[] = [];
    track.roles.forEach((roleId, roleIndex) => {
      const node = nodeAt(parsed.yaml, ['tracks', trackIndex, 'roles', roleIndex]);
      const range = node && nodeRange(parsed.textDocument, node);
      if (typeof roleId === 'string' && isScalar(node) && range) entries.push({ trackId, roleId, range });
    });
    return entries;
  });
}
