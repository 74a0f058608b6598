//! Yusuan (预算): exact reconciliation of Chinese department budgets (部门预算).
//!
//! The core knows nothing of WebAssembly: [`import`] reads a publication into a
//! [`model::Budget`], [`reconcile`] checks every identity it implies and returns findings.
//! `wasm.rs` is a thin binding over this core.

#![cfg_attr(not(target_arch = "wasm32"), forbid(unsafe_code))]
#![cfg_attr(target_arch = "wasm32", deny(unsafe_code))]

pub mod amount;
pub mod catalogue;
pub mod claims;
pub mod english;
pub mod error;
pub mod export;
pub mod finding;
pub mod import;
pub mod labels;
pub mod model;
pub mod numerals;
pub mod reconcile;
pub mod report;
pub mod rounding;
pub mod scenario;
pub mod view;

#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
pub mod wasm;

pub use amount::Amount;
pub use error::Error;
pub use model::Budget;
