import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import PreloadLink from '../components/PreloadLink';

interface Card {
  readonly to: string;
  readonly title: string;
  readonly text: string;
}

const start: readonly Card[] = [
  {
    to: '/docs/overview',
    title: 'Overview',
    text: '168.63.129.16, port 32526, the guest firewall, the headers every call carries, the handshake.',
  },
  {
    to: '/docs/flows/first-boot',
    title: 'First boot',
    text: 'Every call from DHCP to Ready, as a sequence diagram with the minimum a client needs.',
  },
  {
    to: '/docs/wireserver/goalstate',
    title: 'Goal state',
    text: 'GET /machine/?comp=goalstate: the incarnation, the identifiers and every configuration URL.',
  },
  {
    to: '/docs/wireserver/health',
    title: 'Report ready',
    text: 'POST /machine?comp=health: Ready, NotReady and ProvisioningFailed, and why 410 happens.',
  },
  {
    to: '/docs/flows/certificates',
    title: 'Certificates',
    text: 'The transport certificate, the CMS envelope and the PFX, step by step with openssl.',
  },
  {
    to: '/docs/pitfalls',
    title: 'Pitfalls and FAQ',
    text: 'Stale incarnations, proxies, the firewall, FIPS and 3DES, media ejection, path spellings.',
  },
];

const more: readonly Card[] = [
  {
    to: '/docs/implementations',
    title: 'Implementations',
    text: 'WALinuxAgent, cloud-init, afterburn, azure-init, cloudbase-init and others compared.',
  },
  { to: '/docs/ovf-env', title: 'ovf-env.xml', text: 'The provisioning media and its namespaced document.' },
  { to: '/docs/changelog', title: 'Changelog', text: 'Server and client behaviour changes, dated and sourced.' },
  { to: '/validate', title: 'Validator', text: 'Check a captured document against the schemas, in your browser.' },
  { to: '/docs/tools/client', title: 'Client CLI', text: 'The reference client: goal state, certificates, report ready.' },
  { to: '/docs/api', title: 'TypeScript API', text: 'Typed models, parsers and the validator, generated from the source.' },
];

function Cards({ cards }: { cards: readonly Card[] }): ReactNode {
  return (
    <div className="hero-links">
      {cards.map((card) => (
        <PreloadLink key={card.to} to={card.to} className="card padding--md ws-card">
          <h3>{card.title}</h3>
          <p>{card.text}</p>
        </PreloadLink>
      ))}
    </div>
  );
}

export default function Home(): ReactNode {
  return (
    <Layout
      title="WireServer protocol specification"
      description="The open, executable specification of the Azure WireServer guest protocol"
    >
      <main className="container margin-vert--lg ws-home">
        <h1>The Azure WireServer guest protocol, specified</h1>
        <p className="ws-lead">
          Every Azure VM talks plain HTTP to <code>168.63.129.16</code> to learn its goal state, fetch its certificates and report that it
          is ready. Microsoft never documented it. This site does: one page per endpoint and document, schemas with examples checked at
          build time, behaviour statements with stable IDs and their sources, a validator and a reference client.
        </p>
        <Cards cards={start} />
        <h2 className="margin-top--lg">Also here</h2>
        <Cards cards={more} />
      </main>
    </Layout>
  );
}
