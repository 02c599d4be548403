//! Security properties: no network stack in the build, secrets from the environment never in
//! any output format, nothing written to the user's files.

use assert_cmd::Command;
use clap::ValueEnum;
use offer_lint::report::Format;

/// No HTTP client, TLS stack or async runtime is compiled in, by construction.
#[test]
fn no_network_crates_in_the_lockfile() {
    let lock = std::fs::read_to_string("Cargo.lock").unwrap();
    let banned = [
        "reqwest",
        "hyper",
        "ureq",
        "isahc",
        "curl",
        "attohttpc",
        "surf",
        "rustls",
        "native-tls",
        "openssl",
        "tokio",
        "async-std",
        "h2",
    ];
    for line in lock.lines() {
        if let Some(name) = line.strip_prefix("name = ") {
            let name = name.trim_matches('"');
            assert!(
                !banned.contains(&name),
                "`{name}` is in Cargo.lock: offer-lint must not reach the network"
            );
        }
    }
}

const SAS: &str = "https://leaky.blob.core.windows.net/vhds/os.vhd?sv=2021-08-06&sr=b&sp=rwdl&st=2026-11-20T00:00:00Z&se=2026-11-25T00:00:00Z&sig=TOPSECRETsignature0123456789";
const CONN: &str =
    "DefaultEndpointsProtocol=http;AccountName=Leaky;AccountKey=TOPSECRETaccountkey==";
const CLIENT: &str = "TOPSECRETclient-secret-value";

fn manifest() -> String {
    let base = std::fs::read_to_string("tests/rules/base.yaml").unwrap();
    base.replacen("${env:HARDENED_2204_OS_VHD_SAS}", "${env:LEAKY_SAS}", 1)
        .replacen(
            "  customerLeads:\n",
            "  customerLeads:\n    leadDestination: table\n    tableLeadConfiguration:\n      storageAccountConnectionString: ${env:LEAKY_CONN}\n    x-unused: ${env:LEAKY_CLIENT}\n",
            1,
        )
}

#[test]
fn secrets_from_the_environment_never_appear_in_any_format() {
    let d = tempfile::tempdir().unwrap();
    let offer = d.path().join("offers/a");
    std::fs::create_dir_all(offer.join("assets")).unwrap();
    for e in std::fs::read_dir("tests/rules/assets").unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), offer.join("assets").join(e.file_name())).unwrap();
    }
    std::fs::write(offer.join("offer.yaml"), manifest()).unwrap();
    let before = std::fs::read(offer.join("offer.yaml")).unwrap();
    let mut formats = 0;
    for format in Format::value_variants() {
        let name = format.to_possible_value().unwrap().get_name().to_string();
        let out = Command::cargo_bin("offer-lint")
            .unwrap()
            .current_dir(d.path())
            .env("OFFER_LINT_NOW", "2026-11-24T00:00:00Z")
            .env("LEAKY_SAS", SAS)
            .env("LEAKY_CONN", CONN)
            .env("LEAKY_CLIENT", CLIENT)
            .env_remove("GITHUB_ACTIONS")
            .args(["check", "--format", &name, "--color", "never"])
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: the leaky manifest must fail: {text}"
        );
        for secret in ["TOPSECRET", "sig=TOP"] {
            assert!(
                !text.contains(secret),
                "{name} output leaks a secret:\n{text}"
            );
        }
        formats += 1;
    }
    assert!(formats >= 2);
    assert_eq!(
        std::fs::read(offer.join("offer.yaml")).unwrap(),
        before,
        "the manifest was modified"
    );
}
