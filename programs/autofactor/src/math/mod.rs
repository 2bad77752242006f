//! Integer math for money. Every operation is checked; every division states
//! its rounding direction (`_floor` / `_ceil`) so that call sites can round in
//! the pool's favour. No floats anywhere.

pub mod fx;
pub mod mul_div;
pub mod pricing;
pub mod rate;
pub mod safe_math;
pub mod shares;

pub use fx::*;
pub use mul_div::*;
pub use pricing::*;
pub use rate::*;
pub use safe_math::{to_u64, SafeMath};
pub use shares::*;
