/**
 * The benchmark's 20 KB Extensions document: the largest valid `ext_conf*.xml` capture of the
 * corpus/walinuxagent, with handlers (a `Plugins/Plugin` and its `PluginSettings/Plugin`) copied from the
 * other captures under new names until it reaches the target size.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { validateDocument } from '../src/validate/validate';

/** Size the document is grown to, in bytes. */
export const EXTENSIONS_TARGET_BYTES = 20 * 1024;

interface Handler {
  readonly name: string;
  readonly plugin: string;
  readonly settings: string;
}

function handlersOf(text: string): Handler[] {
  const plugins = /<Plugins>([\s\S]*?)<\/Plugins>/.exec(text)?.[1] ?? '';
  const settings = /<PluginSettings>([\s\S]*?)<\/PluginSettings>/.exec(text)?.[1] ?? '';
  return Array.from(plugins.matchAll(/<Plugin\s+name="([^"]+)"[^>]*\/>/g)).flatMap((m): Handler[] => {
    const name = m[1] ?? '';
    const setting = new RegExp(`<Plugin\\s+name="${name.replace(/[.]/g, '\\.')}"[^>]*>[\\s\\S]*?</Plugin>`).exec(settings)?.[0];
    return setting ? [{ name, plugin: m[0], settings: setting }] : [];
  });
}

/**
 * Builds the document and checks that it is valid and within 5% of {@link EXTENSIONS_TARGET_BYTES}.
 * @param corpusWire - The corpus folder holding the `ext_conf*.xml` captures.
 * @throws Error when no capture is valid or the result misses the size or is invalid.
 */
export function buildExtensionsDocument(corpusWire: string): string {
  const captures = fg
    .sync('ext_conf*.xml', { cwd: corpusWire, absolute: true })
    .sort()
    .map((file) => fs.readFileSync(file, 'utf8'))
    .filter((text) => validateDocument(text, 'ext_conf.xml').valid);
  const largest = [...captures].sort((a, b) => b.length - a.length)[0];
  if (largest === undefined) throw new Error(`no valid ext_conf*.xml in ${corpusWire}`);
  const handlers = captures.flatMap(handlersOf).filter((h) => h.plugin.length + h.settings.length < 2048);
  let text = largest;
  for (let n = 1; Buffer.byteLength(text) < EXTENSIONS_TARGET_BYTES && handlers.length > 0; n += 1) {
    const handler = handlers[n % handlers.length] as Handler;
    const rename = (element: string): string => element.replace(`name="${handler.name}"`, `name="${handler.name}.Copy${n}"`);
    text = text
      .replace('</Plugins>', `  ${rename(handler.plugin)}\n</Plugins>`)
      .replace('</PluginSettings>', `  ${rename(handler.settings)}\n</PluginSettings>`);
  }
  const bytes = Buffer.byteLength(text);
  const result = validateDocument(text, path.join(corpusWire, 'ext_conf-20k.xml'));
  if (Math.abs(bytes - EXTENSIONS_TARGET_BYTES) > EXTENSIONS_TARGET_BYTES * 0.05)
    throw new Error(`the Extensions document is ${bytes} bytes`);
  if (!result.valid) throw new Error(`the Extensions document is invalid: ${result.diagnostics[0]?.message ?? ''}`);
  return text;
}
