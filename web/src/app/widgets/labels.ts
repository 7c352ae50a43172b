/** `prefix.key` translated when the dictionary has it, else the key itself (values the API may add later). */
export function knownLabel(t: (key: string) => string, prefix: string, key: string): string {
  const text = t(`${prefix}.${key}`);
  return text === `${prefix}.${key}` ? key : text;
}
