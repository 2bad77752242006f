//! The terminal output of `autofactor localnet`.
//!
//! solana-program-test runs natively compiled programs in-process, and
//! their `msg!` lines go straight to the process's standard output (not
//! into the transaction logs). [`silence_program_output`] points file
//! descriptor 1 at `/dev/null` and keeps a private handle on the real
//! standard output, which [`line`] (and the `out!` macro) writes to.

use std::io::Write as _;
use std::sync::{Mutex, OnceLock};

static OUT: OnceLock<Mutex<std::fs::File>> = OnceLock::new();

/// Redirects standard output to `/dev/null` (Unix), keeping the real one
/// for [`line`]. Elsewhere it does nothing.
pub fn silence_program_output() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::fd::{AsFd as _, AsRawFd as _, FromRawFd as _};
        if OUT.get().is_some() {
            return Ok(());
        }
        let _ = std::io::stdout().flush();
        let saved = std::io::stdout().as_fd().try_clone_to_owned()?;
        let devnull = std::fs::OpenOptions::new().write(true).open("/dev/null")?;
        // SAFETY: both descriptors are valid and open; dup2 atomically makes
        // descriptor 1 refer to /dev/null.
        if unsafe { libc::dup2(devnull.as_raw_fd(), 1) } < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: `saved` is an owned, open descriptor whose ownership moves
        // into the File.
        let file = unsafe { std::fs::File::from_raw_fd(std::os::fd::IntoRawFd::into_raw_fd(saved)) };
        let _ = OUT.set(Mutex::new(file));
    }
    Ok(())
}

/// Writes one line to the real standard output.
pub fn line(s: &str) {
    match OUT.get() {
        Some(f) => {
            let mut f = f.lock().unwrap_or_else(|e| e.into_inner());
            let _ = writeln!(f, "{s}");
            let _ = f.flush();
        }
        None => println!("{s}"),
    }
}

/// `println!` to the real standard output (see [`line`]).
#[macro_export]
macro_rules! out {
    ($($t:tt)*) => { $crate::console::line(&format!($($t)*)) };
}
