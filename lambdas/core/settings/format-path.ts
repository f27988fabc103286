/** `logGroups[2].service`, `services["/aws/lambda/x"]`, or `(root)`: where in the settings a problem is. */
export function formatSettingsPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) text += text === '' ? part : `.${part}`;
    else text += `[${JSON.stringify(String(part))}]`;
  }
  return text === '' ? '(root)' : text;
}
