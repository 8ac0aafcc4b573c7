/**
 * Remark plugin: fills each page's `<Rules />` placeholder with the page's normative statements, so a
 * reader sees the MUST-level rules (IDs linked) before the element tree and the long examples, and the
 * box can never disagree with the statements it lists.
 *
 * A statement is a paragraph that starts with `<Anchor id="XX-1" />`; it is normative when its text
 * holds an RFC 2119 keyword (MUST, MUST NOT, SHOULD, SHOULD NOT, MAY) in capitals. The box lists, per
 * statement, the strongest keyword, the linked ID and the statement's first sentence.
 */

/** The part of an mdast/MDX node this plugin reads and writes. */
export interface MdNode {
  type: string;
  value?: string;
  name?: string | null;
  url?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdNode[];
  ordered?: boolean;
  spread?: boolean;
}

/** One normative statement of a page. */
export interface Rule {
  readonly id: string;
  /** The strongest RFC 2119 keyword in the statement. */
  readonly keyword: 'MUST' | 'MUST NOT' | 'SHOULD' | 'SHOULD NOT' | 'MAY';
  /** The statement's first sentence, without its ID prefix. */
  readonly summary: string;
}

const KEYWORDS = ['MUST NOT', 'MUST', 'SHOULD NOT', 'SHOULD', 'MAY'] as const;

function textOf(node: MdNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

function anchorId(node: MdNode | undefined): string | undefined {
  if (!node || (node.type !== 'mdxJsxTextElement' && node.type !== 'mdxJsxFlowElement') || node.name !== 'Anchor') return undefined;
  const id = node.attributes?.find((a) => a.name === 'id')?.value;
  return typeof id === 'string' && /^[A-Z]+-\d+$/.test(id) ? id : undefined;
}

/**
 * The rule of one statement's plain text, or `undefined` when it holds no RFC 2119 keyword.
 * @param id - The statement ID.
 * @param text - The statement's text, e.g. `GS-1. The goal state MUST …`.
 */
export function ruleOf(id: string, text: string): Rule | undefined {
  const body = text
    .replace(new RegExp(`^\\s*${id}\\.\\s*`), '')
    .replace(/\s+/g, ' ')
    .trim();
  // The claim itself, without the evidence after its *Observed:* / *Inferred* marker.
  const claim = body.replace(/\s*(Observed|Inferred)\b[\s\S]*$/, '').trim();
  // MUST NOT outranks MUST, which outranks SHOULD NOT and SHOULD; MAY is the weakest.
  const keyword = KEYWORDS.find((k) => new RegExp(`\\b${k}\\b`).test(claim));
  if (!keyword) return undefined;
  const sentences = claim.split(/(?<=[.;])\s+(?=[A-Z`*[(])/);
  const sentence = (sentences.find((s) => new RegExp(`\\b${keyword}\\b`).test(s)) ?? claim).trim().replace(/[.;]$/, '');
  return { id, keyword, summary: sentence.length > 220 ? `${sentence.slice(0, 217).trimEnd()}…` : sentence };
}

/** Every normative statement in a tree, in page order. */
export function rulesOf(tree: MdNode): Rule[] {
  const rules: Rule[] = [];
  const visit = (node: MdNode): void => {
    if (node.type === 'paragraph') {
      const id = anchorId(node.children?.[0]);
      if (id) {
        const rule = ruleOf(id, textOf(node));
        if (rule) rules.push(rule);
        return;
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return rules;
}

const text = (value: string): MdNode => ({ type: 'text', value });

/** The mdast of the box for a list of rules. */
export function rulesBox(rules: readonly Rule[]): MdNode {
  const items: MdNode[] = rules.map((rule) => ({
    type: 'listItem',
    spread: false,
    children: [
      {
        type: 'paragraph',
        children: [
          { type: 'strong', children: [text(rule.keyword)] },
          text(' '),
          { type: 'link', url: `#${rule.id}`, children: [text(rule.id)] },
          text(`: ${rule.summary}.`),
        ],
      },
    ],
  }));
  const body: MdNode[] =
    rules.length > 0
      ? [{ type: 'list', ordered: false, spread: false, children: items }]
      : [
          {
            type: 'paragraph',
            children: [text('This page states no MUST, SHOULD or MAY rule; its statements describe observed behaviour.')],
          },
        ];
  return {
    type: 'mdxJsxFlowElement',
    name: 'div',
    attributes: [{ type: 'mdxJsxAttribute', name: 'className', value: 'rules' }],
    children: [
      {
        type: 'paragraph',
        children: [
          { type: 'strong', children: [text('Rules')] },
          text(' (the normative statements of this page; details under Behaviour)'),
        ],
      },
      ...body,
    ],
  };
}

/** Replaces every `<Rules />` element of a tree with the page's rules box. */
export function fillRules(tree: MdNode): void {
  const rules = rulesOf(tree);
  const visit = (node: MdNode): void => {
    const children = node.children;
    if (!children) return;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child && child.type === 'mdxJsxFlowElement' && child.name === 'Rules') children[i] = rulesBox(rules);
      else if (child) visit(child);
    }
  };
  visit(tree);
}

/** The remark plugin (a unified attacher). */
export default function remarkRulesBox(): (tree: MdNode) => void {
  return fillRules;
}
