# Source this before running training: the fast BLAS and allocator measured in shared/PLATFORM.md.
export LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
