#!/usr/bin/python3
"""Drives Debian's WALinuxAgent (package waagent) through its own provisioning code against the
WireServer at 168.63.129.16, for `wireserver conformance --netns`.

What it runs, unmodified: protocol detection (route check, /?comp=versions, transport key pair,
goal state, certificates, HostGAPlugin vmSettings: ProtocolUtil.get_protocol), then the
provisioning reports ProvisionHandler sends (NotReady/Provisioning "Starting", then Ready).
What it skips: the OS changes between the two reports (hostname, user, SSH keys, custom data),
which would change the machine running the test, and mounting the DVD: the ovf-env.xml the kit
offers (OVF_ENV) is parsed with the agent's own OvfEnv class and put where copy_ovf_env puts it.
State goes to CONFORMANCE_WORKDIR (Lib.Dir), never /var/lib/waagent.
"""
import os
import sys
import tempfile

from azurelinuxagent.common import conf, logger
from azurelinuxagent.common.protocol.ovfenv import OvfEnv
from azurelinuxagent.common.protocol.util import get_protocol_util
from azurelinuxagent.common.version import AGENT_VERSION
from azurelinuxagent.pa.provision.default import ProvisionHandler


def main():
    work = os.environ.get("CONFORMANCE_WORKDIR") or tempfile.mkdtemp()
    lib = os.path.join(work, "waagent")
    os.makedirs(lib, mode=0o700, exist_ok=True)
    conf_file = os.path.join(work, "waagent.conf")
    with open(conf_file, "w") as f:
        f.write("Lib.Dir={0}\nLogs.Verbose=y\nOS.EnableFirewall=n\nProvisioning.Agent=waagent\n"
                "Provisioning.Enabled=y\nDebug.EnableFastTrack=y\nExtensions.Enabled=y\n".format(lib))
    conf.load_conf_from_file(conf_file)
    logger.add_logger_appender(logger.AppenderType.STDOUT, logger.LogLevel.INFO)
    logger.info("conformance driver: WALinuxAgent {0}", AGENT_VERSION)

    ovf_path = os.environ.get("OVF_ENV")
    if ovf_path:
        with open(ovf_path) as f:
            text = f.read()
        OvfEnv(text)  # the agent's parser; raises on a document it rejects
        with open(os.path.join(lib, "ovf-env.xml"), "w") as f:
            f.write(text)

    handler = ProvisionHandler()
    protocol = get_protocol_util().get_protocol()  # detection: versions, goal state, certificates
    handler.report_not_ready("Provisioning", "Starting")
    logger.info("conformance driver: goal state incarnation {0}", protocol.client.get_goal_state().incarnation)
    handler.report_ready()
    return 0


if __name__ == "__main__":
    sys.exit(main())
