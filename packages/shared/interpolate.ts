/** Fills `{name}` placeholders from `vars`; a placeholder without a value stays as written. Portal and server words share it. */
export function interpolate(text: string, vars?: Record<string, string | number>): string {
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}
