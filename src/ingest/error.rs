//! Why a reader could not produce a document. Each kind maps to one problem code.

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq)]
pub enum ReadError {
    /// The bytes are not a valid file of the format they claim (→ `corrupt_file`).
    #[error("文件已损坏，无法按{format}格式打开：{detail}")]
    Corrupt {
        format: &'static str,
        detail: String,
    },
    /// Password-protected or encrypted (→ `encrypted_file`).
    #[error("文件设置了密码或已加密，无法读取，请取消密码后重新提交")]
    Encrypted,
    /// Over a configured limit (→ `too_large`).
    #[error("文件超出处理限制：{0}")]
    TooLarge(String),
    /// Zero bytes or nothing readable (→ `empty_file`).
    #[error("文件为空或没有任何内容")]
    Empty,
}

impl ReadError {
    pub fn corrupt(format: &'static str, detail: impl std::fmt::Display) -> Self {
        ReadError::Corrupt {
            format,
            detail: detail.to_string(),
        }
    }
}
