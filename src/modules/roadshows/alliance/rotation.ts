/**
 * The rotation of an alliance series (轮值主办): member cities host in their listed order, starting where the
 * previous session's host left off; a city that opted out is skipped (and keeps its place for when it opts in).
 * Pure: the same series state gives the same host.
 */
export function nextHost(rotation: readonly string[], optedOut: readonly string[], position: number): { cityCode: string; position: number } | null {
  for (let k = 0; k < rotation.length; k += 1) {
    const i = (position + k) % rotation.length;
    if (!optedOut.includes(rotation[i])) return { cityCode: rotation[i], position: i };
  }
  return null;
}
