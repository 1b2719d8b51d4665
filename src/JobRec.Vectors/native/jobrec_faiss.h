/* C ABI of libjobrec_faiss.so: FAISS 1.7.3 indexes (flat, HNSW, IVF-flat; inner product) behind
 * an external-id map, with tombstone deletion where FAISS cannot remove.
 *
 * Every function returns JR_OK or an error code and never lets a C++ exception escape; the message
 * of the last error on the calling thread is read with jr_last_error(). Searches may run
 * concurrently on one index; train, add, remove and set_search_params must not run concurrently
 * with anything else on the same index (the managed binding guards this with a reader-writer lock). */
#ifndef JOBREC_FAISS_H
#define JOBREC_FAISS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define JR_API __attribute__((visibility("default")))

/* ABI version: bump when a signature or struct below changes. */
#define JR_ABI_VERSION 1

enum jr_status {
  JR_OK = 0,
  JR_INVALID_ARGUMENT = 1, /* a null pointer, a bad size or parameter, a duplicate id */
  JR_INVALID_STATE = 2,    /* e.g. adding to an untrained IVF index */
  JR_FAISS_ERROR = 3,      /* faiss::FaissException */
  JR_OUT_OF_MEMORY = 4,    /* std::bad_alloc */
  JR_IO_ERROR = 5,         /* a file could not be opened or its contents are invalid */
  JR_UNKNOWN_ERROR = 6     /* any other exception */
};

enum jr_kind { JR_KIND_FLAT = 1, JR_KIND_HNSW = 2, JR_KIND_IVF = 3 };

typedef struct jr_index jr_index;
typedef struct jr_buffer jr_buffer;

typedef struct jr_index_info {
  int32_t kind;
  int32_t dimension;
  int64_t count;       /* live vectors (stored minus tombstoned) */
  int64_t stored;      /* vectors physically stored, tombstones included */
  int32_t is_trained;
  int32_t hnsw_m;
  int32_t hnsw_ef_construction;
  int32_t hnsw_ef_search;
  int32_t ivf_nlist;
  int32_t ivf_nprobe;
} jr_index_info;

JR_API int32_t jr_abi_version(void);
JR_API const char* jr_last_error(void);

/* Threads used by FAISS (OpenMP) in every later call from any thread; n <= 0 restores the default. */
JR_API int32_t jr_set_num_threads(int32_t n);
JR_API int32_t jr_get_num_threads(void);

JR_API int32_t jr_index_new_flat(int32_t dimension, jr_index** out);
JR_API int32_t jr_index_new_hnsw(int32_t dimension, int32_t m, int32_t ef_construction, int32_t ef_search, jr_index** out);
JR_API int32_t jr_index_new_ivf(int32_t dimension, int32_t nlist, int32_t nprobe, jr_index** out);
JR_API void jr_index_free(jr_index* index);

JR_API int32_t jr_index_info_get(const jr_index* index, jr_index_info* out);
/* Values <= 0 leave the setting unchanged. */
JR_API int32_t jr_index_set_search_params(jr_index* index, int32_t ef_search, int32_t nprobe);

JR_API int32_t jr_index_train(jr_index* index, int64_t n, const float* vectors);
/* Rejects ids already present or repeated within the batch (JR_INVALID_ARGUMENT) before adding anything. */
JR_API int32_t jr_index_add(jr_index* index, int64_t n, const float* vectors, const int64_t* ids);
JR_API int32_t jr_index_remove(jr_index* index, int64_t n, const int64_t* ids, int64_t* removed);
/* scores and ids hold n*k entries; missing slots get id -1 and score -inf. */
JR_API int32_t jr_index_search(const jr_index* index, int64_t n, const float* queries, int64_t k, float* scores, int64_t* ids);

/* Serialises the index (shim header, tombstones, FAISS write_index blob) into a buffer owned by the caller. */
JR_API int32_t jr_index_serialize(const jr_index* index, jr_buffer** out, const uint8_t** data, int64_t* length);
JR_API void jr_buffer_free(jr_buffer* buffer);
/* Reads what jr_index_serialize wrote, from `length` bytes at `offset` in the file at `path`. */
JR_API int32_t jr_index_read_file(const char* path, int64_t offset, int64_t length, jr_index** out);

#ifdef __cplusplus
}
#endif

#endif
