//! Handing freed heap back to the system between stages of a one-shot build.
//! glibc keeps freed memory for reuse; after the site is freed nothing will
//! reuse most of it, and the search stage's own memory would come on top.

/// Returns the heap's free pages to the system (glibc's `malloc_trim`); a
/// no-op with other C libraries, which have no such call.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn release_freed_memory() {
    // SAFETY: `malloc_trim` takes no pointer and only releases pages the
    // allocator holds free; glibc makes it safe to call from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_freed_memory() {}
