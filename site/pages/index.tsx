import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';

const links: { to: string; title: string; text: string }[] = [
  { to: '/docs/wireserver/goalstate', title: 'Goal state', text: 'GET /machine/?comp=goalstate: the incarnation, the container and every configuration URL.' },
  { to: '/docs/intro', title: 'Start here', text: 'What the WireServer is, who may call it, and how this spec is sourced.' },
  { to: '/docs/api', title: 'TypeScript API', text: 'Typed models, parsers and the validator, generated from the source.' },
];

export default function Home(): ReactNode {
  return (
    <Layout title="WireServer protocol specification" description="The open, executable specification of the Azure WireServer guest protocol">
      <main className="container margin-vert--xl">
        <h1>The Azure WireServer guest protocol, specified</h1>
        <p className="hero__subtitle">
          Every Azure VM talks plain HTTP to <code>168.63.129.16</code> to learn its goal state, fetch its certificates and
          report that it is ready. Microsoft never documented it. This site does: schemas for every document, examples
          checked against them at build time, behaviour statements with their sources, a validator and a reference client.
        </p>
        <div className="hero-links">
          {links.map((link) => (
            <Link key={link.to} to={link.to} className="card padding--md">
              <h3>{link.title}</h3>
              <p>{link.text}</p>
            </Link>
          ))}
        </div>
      </main>
    </Layout>
  );
}
