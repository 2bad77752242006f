//! Account types. Each account is a PDA whose seeds live in
//! [`crate::constants`].

pub mod calendar;
pub mod credit;
pub mod currency;
pub mod identity;
pub mod invoice;
pub mod ledger;
pub mod pool;
pub mod position;
pub mod protocol;
pub mod withdrawal;

pub use calendar::*;
pub use credit::*;
pub use currency::*;
pub use identity::*;
pub use invoice::*;
pub use ledger::*;
pub use pool::*;
pub use position::*;
pub use protocol::*;
pub use withdrawal::*;
