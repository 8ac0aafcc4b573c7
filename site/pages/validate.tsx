import BrowserOnly from '@docusaurus/BrowserOnly';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import { lazy, Suspense, type ReactNode } from 'react';

const Validator = lazy(() => import('../validator/Validator'));

/** /validate: the in-browser validator. The validator itself loads in the browser only. */
export default function ValidatePage(): ReactNode {
  return (
    <Layout title="Validator" description="Validate captured WireServer documents against the spec, in your browser">
      <main className="container margin-vert--lg">
        <h1>Validator</h1>
        <p>
          Paste a captured WireServer document, or drop one or more files (a <code>capture</code> folder's files form one bundle). Each is
          checked against its schema with libxml2 compiled to WebAssembly, then with the{' '}
          <Link to="/docs/tools/validator#checks-beyond-the-xsd">checks beyond the XSD</Link>. Nothing leaves your browser; the permalink
          carries the documents in the URL fragment, which is never sent to a server.
        </p>
        <BrowserOnly fallback={<p>Loading the validator…</p>}>
          {() => (
            <Suspense fallback={<p>Loading the validator…</p>}>
              <Validator />
            </Suspense>
          )}
        </BrowserOnly>
      </main>
    </Layout>
  );
}
