"""A real OpenLDAP slapd for the tests: own folder, own config, own CA, on 127.0.0.1 only."""

import contextlib
import shutil
import socket
import subprocess
import time
import warnings
from pathlib import Path

with warnings.catch_warnings():
    # ldap3 2.9.1 imports names that pyasn1 0.6.1 renamed and warns about (see auth/ldap.py).
    warnings.simplefilter("ignore", DeprecationWarning)
    from ldap3 import MODIFY_ADD, MODIFY_DELETE, Connection, Server

SLAPD = "/usr/sbin/slapd"
SCHEMAS = Path("/etc/ldap/schema")
MODULES = Path("/usr/lib/ldap")
SUFFIX = "dc=example,dc=org"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "root-secret-for-tests"
PEOPLE = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"
SERVICE_DN = f"cn=partnership-reader,ou=services,{SUFFIX}"
SERVICE_PASSWORD = "service-secret-42"

# uid: (name, mail, password, groups)
TEST_PEOPLE = {
    "ada": ("Ada Admin", "ada@city.example", "ada-password-1", ["partnership-admins"]),
    "eddie": ("Eddie Editor", "eddie@city.example", "eddie-password-1", ["partnership-editors"]),
    "vera": ("Vera Viewer", "vera@city.example", "vera-password-1", ["office-staff"]),
    "nora": ("Nora Nogroup", "nora@city.example", "nora-password-1", ["canteen"]),
    "juergen": ("Jürgen Müller", "juergen@city.example", "juergen-password-1", ["office-staff"]),
    # Shares the e-mail of a local account of the suite (tests/conftest.py USERS).
    "clash": ("Clash Local", "viewer@example.org", "clash-password-1", ["office-staff"]),
}
TEST_GROUPS = ["partnership-admins", "partnership-editors", "office-staff", "canteen"]


def slapd_available() -> bool:
    return Path(SLAPD).exists() and shutil.which("openssl") is not None


def person_dn(uid: str) -> str:
    return f"uid={uid},{PEOPLE}"


def group_dn(name: str) -> str:
    return f"cn={name},{GROUPS}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_ca(folder: Path, name: str) -> Path:
    """Make a self-signed CA in `folder`; return its certificate file."""
    folder.mkdir(parents=True, exist_ok=True)
    _openssl(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", f"/CN={name}",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        cwd=folder,
    )  # fmt: skip
    return folder / "ca.pem"


def make_server_certificate(ca_folder: Path) -> tuple[Path, Path]:
    """Sign a certificate for 127.0.0.1 (and no host name) with the CA in `ca_folder`."""
    (ca_folder / "server.ext").write_text(
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
        "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid,issuer\n"
    )
    _openssl(
        "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1",
        cwd=ca_folder,
    )  # fmt: skip
    _openssl(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext",
        cwd=ca_folder,
    )  # fmt: skip
    return ca_folder / "server.pem", ca_folder / "server.key"


SLAPD_CONF = """\
include {schemas}/core.schema
include {schemas}/cosine.schema
include {schemas}/inetorgperson.schema
include {schemas}/nis.schema
pidfile {folder}/slapd.pid
argsfile {folder}/slapd.args
modulepath {modules}
moduleload back_mdb
moduleload memberof
TLSCACertificateFile {ca}
TLSCertificateFile {certificate}
TLSCertificateKeyFile {key}

database mdb
suffix "{suffix}"
rootdn "{root_dn}"
rootpw {root_password}
directory {folder}/data
maxsize 10485760
overlay memberof
memberof-refint TRUE
# Passwords only ever serve a bind; anonymous clients see nothing else.
access to attrs=userPassword by self write by anonymous auth by * none
access to * by users read by * none
"""


class SlapdServer:
    """Start slapd with plain LDAP (StartTLS offered) and LDAPS listeners; stop it by PID."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.ca_file = make_ca(folder / "ca", "Partnership Test CA")
        self.other_ca_file = make_ca(folder / "other-ca", "Somebody Else's CA")
        certificate, key = make_server_certificate(folder / "ca")
        (folder / "data").mkdir()
        config = folder / "slapd.conf"
        config.write_text(
            SLAPD_CONF.format(
                schemas=SCHEMAS, modules=MODULES, folder=folder, ca=self.ca_file,
                certificate=certificate, key=key, suffix=SUFFIX, root_dn=ROOT_DN,
                root_password=ROOT_PASSWORD,
            )
        )  # fmt: skip
        self.port, self.tls_port = _free_port(), _free_port()
        self.url = f"ldap://127.0.0.1:{self.port}"
        self.ldaps_url = f"ldaps://127.0.0.1:{self.tls_port}"
        self.log = (folder / "slapd.log").open("w")
        # -d keeps slapd in the foreground, so the PID we hold is the server's own.
        self.process = subprocess.Popen(
            [SLAPD, "-f", str(config), "-h", f"{self.url}/ {self.ldaps_url}/", "-d", "0"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_listening()
        self._load()

    def _wait_until_listening(self, seconds: float = 15) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"slapd stopped: {(self.folder / 'slapd.log').read_text()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("slapd did not start listening")

    @contextlib.contextmanager
    def admin(self):
        """Yield a connection bound as the directory's root, to arrange test data."""
        conn = Connection(Server(self.url), ROOT_DN, ROOT_PASSWORD, auto_bind=True)
        try:
            yield conn
        finally:
            conn.unbind()

    def _load(self) -> None:
        with self.admin() as conn:
            conn.add(SUFFIX, ["dcObject", "organization"], {"o": "Example City", "dc": "example"})
            for unit in ("people", "groups", "services"):
                conn.add(f"ou={unit},{SUFFIX}", "organizationalUnit", {"ou": unit})
            conn.add(
                SERVICE_DN,
                ["applicationProcess", "simpleSecurityObject"],
                {"cn": "partnership-reader", "userPassword": SERVICE_PASSWORD},
            )
            for uid, (name, mail, password, _groups) in TEST_PEOPLE.items():
                conn.add(
                    person_dn(uid),
                    "inetOrgPerson",
                    {"cn": name, "sn": name.split()[-1], "mail": mail, "userPassword": password},
                )
            for group in TEST_GROUPS:
                members = [
                    person_dn(uid) for uid, entry in TEST_PEOPLE.items() if group in entry[3]
                ]
                # groupOfNames needs a member; the service account stands in for empty groups.
                conn.add(group_dn(group), "groupOfNames", {"member": members or [SERVICE_DN]})
            assert conn.result["description"] == "success", conn.result

    @contextlib.contextmanager
    def moved(self, uid: str, from_group: str, to_group: str):
        """Move `uid` to another group for the length of a test."""
        self._move(uid, from_group, to_group)
        try:
            yield
        finally:
            self._move(uid, to_group, from_group)

    def _move(self, uid: str, from_group: str, to_group: str) -> None:
        with self.admin() as conn:
            conn.modify(group_dn(to_group), {"member": [(MODIFY_ADD, [person_dn(uid)])]})
            conn.modify(group_dn(from_group), {"member": [(MODIFY_DELETE, [person_dn(uid)])]})
            assert conn.result["description"] == "success", conn.result

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
