//! The links: one random token for the department and one per committee,
//! kept in `outbox/.zhibu-serve/tokens.json`.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// Where the server keeps its state, relative to the outbox.
pub const STATE_DIR: &str = ".zhibu-serve";
const TOKENS_FILE: &str = ".zhibu-serve/tokens.json";

/// Who a link belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Department,
    Committee(String),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tokens {
    pub department: String,
    /// Committee name → token.
    #[serde(default)]
    pub committees: BTreeMap<String, String>,
}

/// 128 bits from the operating system's generator, as 32 hex digits.
pub fn random_token() -> anyhow::Result<String> {
    let mut buf = [0u8; 16];
    getrandom::fill(&mut buf).map_err(|e| anyhow::anyhow!("无法取得随机数：{e}"))?;
    Ok(hex(&buf))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Equal strings, in time that depends only on the lengths.
pub fn ct_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

impl Tokens {
    pub fn fresh() -> anyhow::Result<Tokens> {
        Ok(Tokens {
            department: random_token()?,
            committees: BTreeMap::new(),
        })
    }

    /// Load the tokens of this outbox, or make new ones.
    pub fn load(outbox: &Path) -> anyhow::Result<Tokens> {
        let path = outbox.join(TOKENS_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let t: Tokens = serde_json::from_slice(&bytes).map_err(|e| {
                    anyhow::anyhow!(
                        "链接文件 {} 已损坏：{e}；可用 --rotate 重新生成",
                        path.display()
                    )
                })?;
                if t.department.len() < 32 || t.committees.values().any(|v| v.len() < 32) {
                    anyhow::bail!(
                        "链接文件 {} 中的口令太短；请用 --rotate 重新生成",
                        path.display()
                    );
                }
                Ok(t)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Tokens::fresh(),
            Err(e) => Err(anyhow::anyhow!("无法读取 {}：{e}", path.display())),
        }
    }

    pub fn save(&self, outbox: &Path) -> anyhow::Result<()> {
        let json = serde_json::to_string_pretty(self)?;
        crate::render::write_atomic(outbox, TOKENS_FILE, json.as_bytes())?;
        private(&outbox.join(STATE_DIR));
        private(&outbox.join(TOKENS_FILE));
        Ok(())
    }

    /// Every token replaced; the committees stay.
    pub fn rotate(&mut self) -> anyhow::Result<()> {
        self.department = random_token()?;
        for t in self.committees.values_mut() {
            *t = random_token()?;
        }
        Ok(())
    }

    /// Give a token to each committee that has none. True when one was added.
    pub fn add_committees<'a>(
        &mut self,
        names: impl IntoIterator<Item = &'a str>,
    ) -> anyhow::Result<bool> {
        let mut added = false;
        for name in names {
            let name = name.trim();
            if valid_committee_name(name) && !self.committees.contains_key(name) {
                self.committees.insert(name.to_string(), random_token()?);
                added = true;
            }
        }
        Ok(added)
    }

    /// The role of a token; every token is compared, each in constant time.
    pub fn role(&self, token: &str) -> Option<Role> {
        let mut found = None;
        if ct_eq(&self.department, token) {
            found = Some(Role::Department);
        }
        for (name, t) in &self.committees {
            if ct_eq(t, token) && found.is_none() {
                found = Some(Role::Committee(name.clone()));
            }
        }
        found
    }

    /// `名称<TAB>URL` lines, the department's first.
    pub fn link_lines(&self, base: &str) -> Vec<(String, String)> {
        let base = base.trim_end_matches('/');
        let mut v = vec![(
            "组织部".to_string(),
            format!("{base}/d/{}/", self.department),
        )];
        for (name, t) in &self.committees {
            v.push((name.clone(), format!("{base}/c/{t}/")));
        }
        v
    }
}

/// A committee name fit for a folder and a page: not empty, not too long, no
/// control or bidi characters.
pub fn valid_committee_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= 40
        && !name
            .chars()
            .any(|c| c.is_control() || super::names::is_bidi(c))
}

/// The CSRF token of a page: derived from the server's secret and the link's token.
pub fn csrf(secret: &[u8], token: &str) -> String {
    let mut h = Sha256::new();
    h.update(secret);
    h.update(b"\0csrf\0");
    h.update(token.as_bytes());
    hex(&h.finalize()[..16])
}

#[cfg(unix)]
fn private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if path.is_dir() { 0o700 } else { 0o600 };
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn private(_: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_roles_and_rotation() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = Tokens::load(dir.path()).unwrap();
        assert_eq!(t.department.len(), 32);
        assert!(t.add_committees(["机械学院", " ", "机械学院"]).unwrap());
        t.save(dir.path()).unwrap();
        let back = Tokens::load(dir.path()).unwrap();
        assert_eq!(back.department, t.department);
        let c = back.committees["机械学院"].clone();
        assert_eq!(back.role(&c), Some(Role::Committee("机械学院".into())));
        assert_eq!(back.role(&back.department), Some(Role::Department));
        assert_eq!(back.role("x"), None);
        let mut r = back.clone();
        r.rotate().unwrap();
        assert_eq!(r.role(&c), None);
        assert_eq!(r.link_lines("http://h/")[0].0, "组织部");
    }

    #[test]
    fn ct_eq_works() {
        assert!(ct_eq("abc", "abc"));
        assert!(!ct_eq("abc", "abd"));
        assert!(!ct_eq("abc", "ab"));
        assert_ne!(csrf(b"s", "a"), csrf(b"s", "b"));
    }
}
