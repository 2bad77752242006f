//! Program-level integration tests (one binary, one module per area).

mod accrual;
mod attacks;
mod counters;
mod credit;
mod credit_supplier;
mod financing_cash;
mod fuzz;
mod fx;
mod identity;
mod invoices;
mod lifecycle;
mod model;
mod pools;
mod protocol;
mod queue;
mod rejections;
mod tranches;
