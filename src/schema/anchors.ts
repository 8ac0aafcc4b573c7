/**
 * The stable HTML anchors of the element reference: one scheme, shared by the generated element
 * pages (src/tools/element-reference.ts) and the browser validator's links (site/validator).
 * No Node.js imports, so the browser bundle can use it.
 * @module
 */

/**
 * The anchor of an element on its document's page, e.g. `el-GoalState-Container-ContainerId`.
 * @param elementPath - Element names from the root, inclusive.
 */
export function elementAnchor(elementPath: readonly string[]): string {
  return `el-${elementPath.join('-')}`;
}

/**
 * The anchor of an attribute, e.g. `el-Extensions-Plugins-Plugin--name`.
 * @param elementPath - Element names from the root to the attribute's element.
 * @param attribute - The attribute name; characters other than letters, digits, `_` and `-` become `_`.
 */
export function attributeAnchor(elementPath: readonly string[], attribute: string): string {
  return `${elementAnchor(elementPath)}--${attribute.replace(/[^\w-]/g, '_')}`;
}
