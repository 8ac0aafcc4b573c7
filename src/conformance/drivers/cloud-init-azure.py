#!/usr/bin/python3
"""Drives Debian's cloud-init (package cloud-init) Azure datasource through its own provisioning
code against 168.63.129.16 and IMDS at 169.254.169.254, for `wireserver conformance --netns`.

What it runs, unmodified, in crawl_metadata's order once ephemeral networking is up: the seed
ovf-env.xml read with load_azure_ds_dir (when OVF_ENV is offered), IMDS instance metadata with
its api-version fallback (get_imds_data_with_api_fallback), the choice of key fingerprints to
fetch from the WireServer (_determine_wireserver_pubkey_info), and the report (_report_ready:
goal state, certificates when keys are wanted, Health Ready), or _report_failure when crawling
fails. What it skips: the ephemeral DHCP lease (dhclient on a NIC; the kit's namespace has no
DHCP server, so the endpoint is the built-in default 168.63.129.16) and the OS changes cloud-init
makes after the crawl. State goes to CONFORMANCE_WORKDIR, never /var/lib/cloud.
"""
import os
import shutil
import sys
import tempfile

from cloudinit import distros, helpers, version
from cloudinit.sources import DataSourceAzure as azure


def main():
    work = os.environ.get("CONFORMANCE_WORKDIR") or tempfile.mkdtemp()
    paths = helpers.Paths({
        "cloud_dir": os.path.join(work, "cloud"),
        "run_dir": os.path.join(work, "run"),
        "seed_dir": os.path.join(work, "seed"),
        "templates_dir": os.path.join(work, "templates"),
    })
    seed = os.path.join(work, "seed", "azure")
    os.makedirs(seed, mode=0o700, exist_ok=True)
    if os.environ.get("OVF_ENV"):
        shutil.copy(os.environ["OVF_ENV"], os.path.join(seed, "ovf-env.xml"))
    distro = distros.fetch("debian")("debian", {}, paths)
    sys_cfg = {"datasource": {"Azure": {"data_dir": os.path.join(work, "waagent")}}}
    ds = azure.DataSourceAzure(sys_cfg, distro, paths)
    print("conformance driver: cloud-init {0}, WireServer {1}".format(version.version_string(), ds._wireserver_endpoint))

    cfg = {}
    try:
        if os.path.exists(os.path.join(seed, "ovf-env.xml")):
            _md, _userdata, cfg, _files = azure.load_azure_ds_dir(seed)
        imds_md = ds.get_imds_data_with_api_fallback(retries=10)
        print("conformance driver: IMDS {0}".format("read" if imds_md else "empty"))
        pubkey_info = ds._determine_wireserver_pubkey_info(cfg=cfg, imds_md=imds_md)
    except Exception as error:  # what _get_data does when the crawl fails
        print("conformance driver: crawl failed: {0}".format(error))
        ds._report_failure(description=azure.DEFAULT_REPORT_FAILURE_USER_VISIBLE_MESSAGE)
        return 1
    keys = ds._report_ready(pubkey_info=pubkey_info)
    print("conformance driver: reported ready; {0} key(s) from the WireServer".format(len(keys or [])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
