"""`learn regrade --scheduler`: the same regrade on a Dask cluster (a LocalCluster of two worker
processes on loopback here, over tcp:// and over mutual TLS with certificates made here) gives
the same verified results, row for row, as `--jobs 1` with the same seed; a worker with another
course installed is refused; a client the cluster does not trust, a certificate that cannot be
used and a plain tcp:// scheduler off loopback are one line and exit 2, refused before any
connection where that is possible."""

import datetime
import socket
import sqlite3
import ssl
from pathlib import Path

import pytest

from benchmarks.regrade_class import class_database


def verified(path: Path) -> list[tuple]:
    """Every verified result with its graded attempt, minus what may differ: ids and times."""
    return sorted(sqlite3.connect(path).execute(
        "SELECT l.name, v.exercise_id, v.passed, v.score, v.isolation, v.code_sha256, a.seed, "
        "a.cases_total, a.cases_passed, a.diagnosis, a.error_kind, a.error_message, "
        "a.failing_case FROM verified v JOIN learners l ON l.id = v.learner_id "
        "JOIN attempts a ON a.id = v.attempt_id").fetchall())


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")  # the test extra installs it
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as local:
        yield local


@pytest.mark.slow
def test_a_cluster_regrade_equals_a_local_one_row_for_row(tmp_path, runner, cluster):
    from grader.cli import cli

    local, remote = tmp_path / "local.db", tmp_path / "remote.db"
    for path in (local, remote):
        class_database(path)
    result = runner.invoke(cli, ["--db", str(local), "regrade", "--jobs", "1", "--seed", "7"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["--db", str(remote), "regrade", "--seed", "7",
                                 "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert "24 submissions regraded, on the Dask cluster" in result.output
    assert "bubblewrap" in result.output
    ours, theirs = verified(local), verified(remote)
    assert len(ours) == 24 and theirs == ours
    assert {row[2] for row in ours} == {0, 1}  # passes and fails, ...
    assert any(row[9] for row in ours)  # ... some with a named misconception


@pytest.mark.slow
def test_a_worker_with_another_course_is_refused(tmp_path, runner, cluster, monkeypatch):
    from grader.cli import cli
    from grader.instructor import cluster as cluster_module

    class_database(tmp_path / "class.db", learners=1)
    monkeypatch.setattr(cluster_module, "fingerprint", lambda course: "not the workers'")
    result = runner.invoke(cli, ["--db", str(tmp_path / "class.db"), "regrade",
                                 "--scheduler", cluster.scheduler_address])
    assert result.exit_code != 0
    assert "refusing to regrade on this cluster" in result.output
    assert "a different course or grader installed" in result.output
    assert "Traceback" not in result.output
    rows = sqlite3.connect(tmp_path / "class.db").execute("SELECT count(*) FROM verified")
    assert rows.fetchone() == (0,)


@pytest.mark.slow
def test_an_unreachable_scheduler_is_one_line(tmp_path, runner, monkeypatch):
    from grader.cli import cli
    from grader.instructor import cluster as cluster_module

    pytest.importorskip("distributed")
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", "1s")  # Dask retries until then
    class_database(tmp_path / "class.db", learners=1)
    result = runner.invoke(cli, ["--db", str(tmp_path / "class.db"), "regrade",
                                 "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert len(result.output.splitlines()) == 1


# --- TLS ------------------------------------------------------------------------------------


def _pem(folder: Path, stem: str, cert, key) -> None:
    from cryptography.hazmat.primitives import serialization

    (folder / f"{stem}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / f"{stem}.key").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    (folder / f"{stem}.key").chmod(0o600)


def _certificate(folder: Path, stem: str, ca=None):
    """A CA (`ca` None) or a certificate signed by `ca` for both ends of a connection, as Dask
    uses one; written as STEM.pem and STEM.key. Returns (certificate, key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, stem)])
    now = datetime.datetime.now(datetime.UTC)
    builder = (x509.CertificateBuilder().subject_name(name).public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5))
               .not_valid_after(now + datetime.timedelta(days=1)))
    if ca is None:
        builder = builder.issuer_name(name).add_extension(
            x509.BasicConstraints(ca=True, path_length=None), critical=True).add_extension(
            x509.KeyUsage(digital_signature=False, content_commitment=False,
                          key_encipherment=False, data_encipherment=False, key_agreement=False,
                          key_cert_sign=True, crl_sign=True, encipher_only=False,
                          decipher_only=False), critical=True)
        signer = key
    else:
        builder = builder.issuer_name(ca[0].subject).add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH,
                                   ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        signer = ca[1]
    cert = builder.sign(signer, hashes.SHA256())
    _pem(folder, stem, cert, key)
    return cert, key


@pytest.fixture(scope="module")
def certs(tmp_path_factory) -> Path:
    """ca.pem: the cluster's CA; node: the scheduler's and workers'; me: the instructor's;
    other.pem: another CA; stranger: a client certificate signed by that other CA."""
    pytest.importorskip("cryptography")
    folder = tmp_path_factory.mktemp("certs")
    ca, other = _certificate(folder, "ca"), _certificate(folder, "other")
    _certificate(folder, "node", ca)
    _certificate(folder, "me", ca)
    _certificate(folder, "stranger", other)
    return folder


def tls_options(folder: Path, ca: str = "ca", me: str = "me") -> list[str]:
    return ["--tls-ca-file", str(folder / f"{ca}.pem"), "--tls-cert", str(folder / f"{me}.pem"),
            "--tls-key", str(folder / f"{me}.key")]


@pytest.fixture(scope="module")
def tls_cluster(certs):
    distributed = pytest.importorskip("distributed")
    from distributed.security import Security

    node = {"cert": str(certs / "node.pem"), "key": str(certs / "node.key")}
    security = Security(tls_ca_file=str(certs / "ca.pem"), require_encryption=True,
                        **{f"tls_{role}_{part}": path for role in ("scheduler", "worker", "client")
                           for part, path in node.items()})
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  protocol="tls", host="127.0.0.1", security=security,
                                  dashboard_address=None) as local:
        assert local.scheduler_address.startswith("tls://127.0.0.1:")
        yield local


def one_line_refusal(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert len(result.output.splitlines()) == 1, result.output
    assert result.output.startswith("Error: ")
    for word in words:
        assert word in result.output


@pytest.mark.slow
def test_a_tls_regrade_equals_a_local_one_row_for_row(tmp_path, runner, certs, tls_cluster):
    from grader.cli import cli

    local, remote = tmp_path / "local.db", tmp_path / "remote.db"
    for path in (local, remote):
        class_database(path)
    result = runner.invoke(cli, ["--db", str(local), "regrade", "--jobs", "1", "--seed", "7"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["--db", str(remote), "regrade", "--seed", "7", "--scheduler",
                                 tls_cluster.scheduler_address, *tls_options(certs)])
    assert result.exit_code == 0, result.output
    assert f"24 submissions regraded, on the Dask cluster at {tls_cluster.scheduler_address}" \
        in result.output
    ours, theirs = verified(local), verified(remote)
    assert len(ours) == 24 and theirs == ours
    assert {row[2] for row in ours} == {0, 1}  # passes and fails: not equal by all failing


@pytest.mark.slow
@pytest.mark.parametrize("how, words", [
    ("stranger", ["--tls-cert", "signed by the cluster's CA"]),  # of another CA (the words
    # differ by timing: the alert, or the hang-up seen first)
    ("other CA", ["not signed by the CA of --tls-ca-file"]),  # we do not trust the scheduler
    ("no cert", ["needs --tls-cert"]),  # refused before connecting: Dask's TLS needs one
    ("tcp", ["if the scheduler was started with TLS, its address is tls://"]),
])
def test_a_client_the_cluster_does_not_trust_is_one_line(tmp_path, runner, certs, tls_cluster,
                                                         how, words):
    from grader.cli import cli

    address = tls_cluster.scheduler_address
    options = {"stranger": ["--scheduler", address, *tls_options(certs, me="stranger")],
               "other CA": ["--scheduler", address, *tls_options(certs, ca="other")],
               "no cert": ["--scheduler", address, "--tls-ca-file", str(certs / "ca.pem")],
               "tcp": ["--scheduler", address.replace("tls://", "tcp://")]}[how]
    class_database(tmp_path / "class.db", learners=1)
    result = runner.invoke(cli, ["--db", str(tmp_path / "class.db"), "regrade", *options])
    one_line_refusal(result, *words)
    rows = sqlite3.connect(tmp_path / "class.db").execute("SELECT count(*) FROM verified")
    assert rows.fetchone() == (0,)


@pytest.mark.slow
def test_the_scheduler_hangs_up_on_a_client_without_a_certificate(certs, tls_cluster):
    """Below Dask (which will not even try): a TLS client with the right CA but no certificate
    of its own gets nothing from the scheduler, one with the cluster's certificate does."""
    host, port = tls_cluster.scheduler_address.removeprefix("tls://").rsplit(":", 1)

    def first_bytes(certificate: bool) -> bytes:
        context = ssl.create_default_context(cafile=str(certs / "ca.pem"))
        context.check_hostname = False  # Dask's certificates name no host
        if certificate:
            context.load_cert_chain(certs / "node.pem", certs / "node.key")
        with socket.create_connection((host, int(port)), timeout=10) as raw:
            try:
                with context.wrap_socket(raw) as tls:
                    tls.sendall(b"\0" * 8)
                    return tls.recv(1)
            except (ssl.SSLError, ConnectionError):
                return b""  # refused during or just after the handshake

    assert first_bytes(certificate=True) != b""  # Dask's handshake: the test can tell
    assert first_bytes(certificate=False) == b""


@pytest.mark.parametrize("how, words", [
    ("missing key", ["cannot read --tls-key", "missing.key", "No such file"]),
    ("missing CA", ["cannot read --tls-ca-file", "missing.pem"]),
    ("not PEM", ["--tls-ca-file", "not a PEM certificate"]),
    ("another key", ["--tls-cert", "--tls-key", "KEY_VALUES_MISMATCH"]),
    ("no key", ["holds no private key: pass --tls-key"]),
])
def test_a_certificate_that_cannot_be_used_is_one_line(tmp_path, runner, certs, monkeypatch,
                                                       how, words):
    pytest.importorskip("distributed")
    import distributed

    from grader.cli import cli

    def never(*args, **kwargs):
        raise AssertionError("connected although the files cannot be used")

    monkeypatch.setattr(distributed, "Client", never)
    (tmp_path / "notes.pem").write_text("not a certificate\n")
    options = tls_options(certs)
    if how == "missing key":
        options[5] = str(tmp_path / "missing.key")
    elif how == "missing CA":
        options[1] = str(tmp_path / "missing.pem")
    elif how == "not PEM":
        options[1] = str(tmp_path / "notes.pem")
    elif how == "another key":
        options[5] = str(certs / "stranger.key")
    else:
        options = options[:4]
    class_database(tmp_path / "class.db", learners=1)
    result = runner.invoke(cli, ["--db", str(tmp_path / "class.db"), "regrade",
                                 "--scheduler", "tls://127.0.0.1:8786", *options])
    one_line_refusal(result, *words)


@pytest.mark.parametrize("address", ["tcp://10.1.2.3:8786", "10.1.2.3:8786",
                                     "tcp://scheduler.example:8786", "ws://[2001:db8::1]:8786"])
def test_a_plain_scheduler_off_loopback_is_refused_before_connecting(tmp_path, runner,
                                                                     monkeypatch, address):
    pytest.importorskip("distributed")
    import distributed

    from grader.cli import cli

    def never(*args, **kwargs):
        raise AssertionError(f"connected to {args}")

    monkeypatch.setattr(distributed, "Client", never)
    monkeypatch.setattr(socket.socket, "connect", never)
    class_database(tmp_path / "class.db", learners=1)
    result = runner.invoke(cli, ["--db", str(tmp_path / "class.db"), "regrade",
                                 "--scheduler", address])
    one_line_refusal(result, f"refusing {address}", "--insecure-scheduler", "tls://")


def test_insecure_scheduler_lets_a_plain_address_through_unchecked():
    pytest.importorskip("distributed")
    from grader.instructor.cluster import scheduler_address

    checked = scheduler_address("tcp://10.1.2.3:8786", insecure=True)  # checked, not reached
    assert checked == "tcp://10.1.2.3:8786" and checked.security is None


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:8786", "127.0.0.1:8786",
                                     "tcp://127.3.4.5:8786", "tcp://localhost:8786",
                                     "tcp://[::1]:8786", "tcp://[::ffff:127.0.0.1]:8786"])
def test_a_plain_scheduler_on_loopback_needs_nothing(address):
    pytest.importorskip("distributed")
    from grader.instructor.cluster import scheduler_address

    assert scheduler_address(address).security is None


def test_tls_options_need_a_tls_scheduler(tmp_path, runner, certs):
    pytest.importorskip("distributed")
    from grader.cli import cli

    class_database(tmp_path / "class.db", learners=1)
    for scheduler in (["--scheduler", "tcp://127.0.0.1:8786"], []):
        result = runner.invoke(cli, ["--db", str(tmp_path / "class.db"), "regrade",
                                     *scheduler, *tls_options(certs)])
        one_line_refusal(result, "--tls-ca-file")


def test_a_tls_address_builds_a_security_requiring_encryption(certs):
    pytest.importorskip("distributed")
    from grader.instructor.cluster import scheduler_address

    checked = scheduler_address("tls://127.0.0.1:8786", str(certs / "ca.pem"),
                                str(certs / "me.pem"), str(certs / "me.key"))
    security = checked.security
    assert security.require_encryption
    assert (security.tls_ca_file, security.tls_client_cert, security.tls_client_key) == (
        str(certs / "ca.pem"), str(certs / "me.pem"), str(certs / "me.key"))
