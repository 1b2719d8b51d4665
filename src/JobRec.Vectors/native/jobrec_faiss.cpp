// C-ABI shim over FAISS 1.7.3 (see jobrec_faiss.h for the contract).
//
// Every index is an IndexIDMap2 over an inner IndexFlatIP, IndexHNSWFlat or IndexIVFFlat (inner product),
// so callers add and search with their own 64-bit ids. FAISS 1.7.3 cannot remove from HNSW (not
// implemented) and IndexIDMap::remove_ids over IVF leaves the id map out of step with the IVF lists
// (results come back under the wrong ids), so for those two kinds removal tombstones the internal slot
// and searches pass a selector that skips tombstoned slots; flat indexes remove for real.
#include "jobrec_faiss.h"

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>
#include <faiss/IndexIVFFlat.h>
#include <faiss/impl/FaissException.h>
#include <faiss/impl/HNSW.h>
#include <faiss/impl/IDSelector.h>
#include <faiss/impl/io.h>
#include <faiss/index_io.h>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

using idx_t = faiss::Index::idx_t;

thread_local std::string last_error;
std::atomic<int32_t> configured_threads{0};

/// An error the shim raises itself, carrying its status code.
struct shim_error : std::runtime_error {
  int32_t code;
  shim_error(int32_t c, const std::string& message) : std::runtime_error(message), code(c) {}
};

int32_t fail(int32_t code, const char* message) {
  try {
    last_error = message ? message : "(no message)";
  } catch (...) {
  }
  return code;
}

/// Applies the process-wide thread count to the calling thread (OpenMP keeps it per thread).
void apply_threads() {
  int32_t n = configured_threads.load(std::memory_order_relaxed);
  if (n > 0 && omp_get_max_threads() != n) omp_set_num_threads(n);
}

/// Selects internal slots that are not tombstoned.
struct LiveSelector : faiss::IDSelector {
  const std::vector<uint8_t>* deleted;
  explicit LiveSelector(const std::vector<uint8_t>* d) : deleted(d) {}
  bool is_member(idx_t id) const final {
    return id >= 0 && static_cast<size_t>(id) < deleted->size() && (*deleted)[id] == 0;
  }
};

constexpr char kMagic[4] = {'J', 'R', 'F', 'X'};
constexpr uint32_t kFormatVersion = 1;

struct PayloadHeader {
  char magic[4];
  uint32_t version;
  int32_t kind;
  int32_t ef_search;
  int32_t nprobe;
  int32_t reserved;
  int64_t tombstones;
};

}  // namespace

struct jr_index {
  int32_t kind = 0;
  std::unique_ptr<faiss::IndexIDMap2> map;  // owns the inner index
  faiss::Index* inner = nullptr;
  std::vector<uint8_t> deleted;  // per internal slot, HNSW and IVF only
  int64_t deleted_count = 0;
  int32_t ef_search = 0;
  int32_t nprobe = 0;

  faiss::IndexHNSWFlat* hnsw() const { return dynamic_cast<faiss::IndexHNSWFlat*>(inner); }
  faiss::IndexIVFFlat* ivf() const { return dynamic_cast<faiss::IndexIVFFlat*>(inner); }
  int64_t live() const { return static_cast<int64_t>(map->ntotal) - deleted_count; }
};

struct jr_buffer {
  faiss::VectorIOWriter writer;
};

#define JR_TRY try {
#define JR_CATCH                                                       \
  }                                                                    \
  catch (const shim_error& e) {                                        \
    return fail(e.code, e.what());                                     \
  }                                                                    \
  catch (const faiss::FaissException& e) {                             \
    return fail(JR_FAISS_ERROR, e.what());                             \
  }                                                                    \
  catch (const std::bad_alloc&) {                                      \
    return fail(JR_OUT_OF_MEMORY, "out of memory in FAISS shim");      \
  }                                                                    \
  catch (const std::exception& e) {                                    \
    return fail(JR_UNKNOWN_ERROR, e.what());                           \
  }                                                                    \
  catch (...) {                                                        \
    return fail(JR_UNKNOWN_ERROR, "unknown exception in FAISS shim");  \
  }

#define JR_REQUIRE(cond, code, msg) \
  do {                              \
    if (!(cond)) throw shim_error((code), (msg)); \
  } while (0)

namespace {

jr_index* wrap(int32_t kind, faiss::Index* inner) {
  std::unique_ptr<faiss::Index> owned(inner);
  auto index = std::make_unique<jr_index>();
  index->kind = kind;
  index->map = std::make_unique<faiss::IndexIDMap2>(owned.get());
  index->map->own_fields = true;
  index->inner = owned.release();
  return index.release();
}

void check_dimension(int32_t dimension) {
  JR_REQUIRE(dimension > 0, JR_INVALID_ARGUMENT, "dimension must be positive, got " + std::to_string(dimension));
}

}  // namespace

extern "C" {

int32_t jr_abi_version(void) { return JR_ABI_VERSION; }

const char* jr_last_error(void) { return last_error.c_str(); }

int32_t jr_set_num_threads(int32_t n) {
  JR_TRY
  configured_threads.store(n > 0 ? n : 0);
  omp_set_num_threads(n > 0 ? n : omp_get_num_procs());
  return JR_OK;
  JR_CATCH
}

int32_t jr_get_num_threads(void) {
  int32_t n = configured_threads.load();
  return n > 0 ? n : omp_get_max_threads();
}

int32_t jr_index_new_flat(int32_t dimension, jr_index** out) {
  JR_TRY
  JR_REQUIRE(out, JR_INVALID_ARGUMENT, "out is null");
  check_dimension(dimension);
  *out = wrap(JR_KIND_FLAT, new faiss::IndexFlatIP(dimension));
  return JR_OK;
  JR_CATCH
}

int32_t jr_index_new_hnsw(int32_t dimension, int32_t m, int32_t ef_construction, int32_t ef_search, jr_index** out) {
  JR_TRY
  JR_REQUIRE(out, JR_INVALID_ARGUMENT, "out is null");
  check_dimension(dimension);
  JR_REQUIRE(m >= 2, JR_INVALID_ARGUMENT, "HNSW M must be at least 2, got " + std::to_string(m));
  JR_REQUIRE(ef_construction >= 1, JR_INVALID_ARGUMENT, "HNSW efConstruction must be positive");
  JR_REQUIRE(ef_search >= 1, JR_INVALID_ARGUMENT, "HNSW efSearch must be positive");
  auto* hnsw = new faiss::IndexHNSWFlat(dimension, m, faiss::METRIC_INNER_PRODUCT);
  hnsw->hnsw.efConstruction = ef_construction;
  hnsw->hnsw.efSearch = ef_search;
  jr_index* index = wrap(JR_KIND_HNSW, hnsw);
  index->ef_search = ef_search;
  *out = index;
  return JR_OK;
  JR_CATCH
}

int32_t jr_index_new_ivf(int32_t dimension, int32_t nlist, int32_t nprobe, jr_index** out) {
  JR_TRY
  JR_REQUIRE(out, JR_INVALID_ARGUMENT, "out is null");
  check_dimension(dimension);
  JR_REQUIRE(nlist >= 1, JR_INVALID_ARGUMENT, "IVF nlist must be positive");
  JR_REQUIRE(nprobe >= 1, JR_INVALID_ARGUMENT, "IVF nprobe must be positive");
  auto quantizer = std::make_unique<faiss::IndexFlatIP>(dimension);
  auto* ivf = new faiss::IndexIVFFlat(quantizer.get(), dimension, nlist, faiss::METRIC_INNER_PRODUCT);
  quantizer.release();
  ivf->own_fields = true;
  ivf->nprobe = nprobe;
  jr_index* index = wrap(JR_KIND_IVF, ivf);
  index->nprobe = nprobe;
  *out = index;
  return JR_OK;
  JR_CATCH
}

void jr_index_free(jr_index* index) {
  try {
    delete index;
  } catch (...) {
  }
}

int32_t jr_index_info_get(const jr_index* index, jr_index_info* out) {
  JR_TRY
  JR_REQUIRE(index && out, JR_INVALID_ARGUMENT, "index or out is null");
  std::memset(out, 0, sizeof(*out));
  out->kind = index->kind;
  out->dimension = static_cast<int32_t>(index->map->d);
  out->count = index->live();
  out->stored = static_cast<int64_t>(index->map->ntotal);
  out->is_trained = index->inner->is_trained ? 1 : 0;
  if (auto* h = index->hnsw()) {
    // FAISS keeps 2*M neighbours on level 0 and M above.
    out->hnsw_m = static_cast<int32_t>(h->hnsw.nb_neighbors(1));
    out->hnsw_ef_construction = h->hnsw.efConstruction;
    out->hnsw_ef_search = index->ef_search;
  }
  if (auto* v = index->ivf()) {
    out->ivf_nlist = static_cast<int32_t>(v->nlist);
    out->ivf_nprobe = index->nprobe;
  }
  return JR_OK;
  JR_CATCH
}

int32_t jr_index_set_search_params(jr_index* index, int32_t ef_search, int32_t nprobe) {
  JR_TRY
  JR_REQUIRE(index, JR_INVALID_ARGUMENT, "index is null");
  if (ef_search > 0 && index->hnsw()) {
    index->ef_search = ef_search;
    index->hnsw()->hnsw.efSearch = ef_search;
  }
  if (nprobe > 0 && index->ivf()) {
    index->nprobe = nprobe;
    index->ivf()->nprobe = static_cast<size_t>(nprobe);
  }
  return JR_OK;
  JR_CATCH
}

int32_t jr_index_train(jr_index* index, int64_t n, const float* vectors) {
  JR_TRY
  JR_REQUIRE(index && vectors, JR_INVALID_ARGUMENT, "index or vectors is null");
  JR_REQUIRE(n > 0, JR_INVALID_ARGUMENT, "no training vectors");
  if (auto* v = index->ivf()) {
    JR_REQUIRE(n >= static_cast<int64_t>(v->nlist), JR_INVALID_ARGUMENT,
               "IVF training needs at least nlist=" + std::to_string(v->nlist) + " vectors, got " + std::to_string(n));
    JR_REQUIRE(v->ntotal == 0, JR_INVALID_STATE, "IVF index already holds vectors; train before adding");
  }
  apply_threads();
  index->map->train(n, vectors);
  return JR_OK;
  JR_CATCH
}

int32_t jr_index_add(jr_index* index, int64_t n, const float* vectors, const int64_t* ids) {
  JR_TRY
  JR_REQUIRE(index && vectors && ids, JR_INVALID_ARGUMENT, "index, vectors or ids is null");
  JR_REQUIRE(n >= 0, JR_INVALID_ARGUMENT, "negative count");
  if (n == 0) return JR_OK;
  JR_REQUIRE(index->inner->is_trained, JR_INVALID_STATE, "index is not trained; train the IVF index before adding vectors");
  std::unordered_set<idx_t> batch;
  batch.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; i++) {
    JR_REQUIRE(ids[i] >= 0, JR_INVALID_ARGUMENT, "id at position " + std::to_string(i) + " is negative (" + std::to_string(ids[i]) + ")");
    JR_REQUIRE(index->map->rev_map.count(ids[i]) == 0, JR_INVALID_ARGUMENT,
               "id " + std::to_string(ids[i]) + " at position " + std::to_string(i) + " is already in the index");
    JR_REQUIRE(batch.insert(ids[i]).second, JR_INVALID_ARGUMENT,
               "id " + std::to_string(ids[i]) + " at position " + std::to_string(i) + " repeats an earlier id in the batch");
  }
  apply_threads();
  index->map->add_with_ids(n, vectors, ids);
  if (index->kind != JR_KIND_FLAT) index->deleted.resize(static_cast<size_t>(index->map->ntotal), 0);
  return JR_OK;
  JR_CATCH
}

int32_t jr_index_remove(jr_index* index, int64_t n, const int64_t* ids, int64_t* removed) {
  JR_TRY
  JR_REQUIRE(index && removed && (ids || n == 0), JR_INVALID_ARGUMENT, "index, ids or removed is null");
  JR_REQUIRE(n >= 0, JR_INVALID_ARGUMENT, "negative count");
  *removed = 0;
  if (n == 0) return JR_OK;
  if (index->kind == JR_KIND_FLAT) {
    faiss::IDSelectorBatch selector(static_cast<size_t>(n), ids);
    *removed = static_cast<int64_t>(index->map->remove_ids(selector));
    return JR_OK;
  }
  int64_t count = 0;
  auto& rev = index->map->rev_map;
  for (int64_t i = 0; i < n; i++) {
    auto it = rev.find(ids[i]);
    if (it == rev.end()) continue;
    index->deleted[static_cast<size_t>(it->second)] = 1;
    rev.erase(it);
    count++;
  }
  index->deleted_count += count;
  *removed = count;
  return JR_OK;
  JR_CATCH
}

int32_t jr_index_search(const jr_index* index, int64_t n, const float* queries, int64_t k, float* scores, int64_t* ids) {
  JR_TRY
  JR_REQUIRE(index && queries && scores && ids, JR_INVALID_ARGUMENT, "index, queries, scores or ids is null");
  JR_REQUIRE(n >= 0, JR_INVALID_ARGUMENT, "negative query count");
  JR_REQUIRE(k > 0, JR_INVALID_ARGUMENT, "k must be positive, got " + std::to_string(k));
  if (n == 0) return JR_OK;
  apply_threads();
  LiveSelector live(&index->deleted);
  faiss::IDSelector* selector = index->deleted_count > 0 ? &live : nullptr;
  if (auto* h = index->hnsw()) {
    faiss::SearchParametersHNSW params;
    // Fewer candidates than k would leave result slots empty.
    params.efSearch = std::max<int64_t>(index->ef_search, k) > std::numeric_limits<int>::max()
                          ? std::numeric_limits<int>::max()
                          : static_cast<int>(std::max<int64_t>(index->ef_search, k));
    params.sel = selector;
    h->search(n, queries, k, scores, ids, &params);
  } else if (auto* v = index->ivf()) {
    faiss::SearchParametersIVF params;
    params.nprobe = static_cast<size_t>(index->nprobe);
    params.sel = selector;
    v->search(n, queries, k, scores, ids, &params);
  } else {
    index->inner->search(n, queries, k, scores, ids, nullptr);
  }
  const auto& id_map = index->map->id_map;
  const int64_t total = n * k;
  for (int64_t i = 0; i < total; i++) {
    if (ids[i] < 0 || static_cast<size_t>(ids[i]) >= id_map.size()) {
      ids[i] = -1;
      scores[i] = -std::numeric_limits<float>::infinity();
    } else {
      ids[i] = id_map[static_cast<size_t>(ids[i])];
    }
  }
  return JR_OK;
  JR_CATCH
}

int32_t jr_index_serialize(const jr_index* index, jr_buffer** out, const uint8_t** data, int64_t* length) {
  JR_TRY
  JR_REQUIRE(index && out && data && length, JR_INVALID_ARGUMENT, "index, out, data or length is null");
  auto buffer = std::make_unique<jr_buffer>();
  PayloadHeader header{};
  std::memcpy(header.magic, kMagic, sizeof(kMagic));
  header.version = kFormatVersion;
  header.kind = index->kind;
  header.ef_search = index->ef_search;
  header.nprobe = index->nprobe;
  header.tombstones = index->deleted_count;
  buffer->writer(&header, sizeof(header), 1);
  for (size_t i = 0; i < index->deleted.size(); i++) {
    if (index->deleted[i]) {
      int64_t slot = static_cast<int64_t>(i);
      buffer->writer(&slot, sizeof(slot), 1);
    }
  }
  faiss::write_index(index->map.get(), &buffer->writer);
  *data = buffer->writer.data.data();
  *length = static_cast<int64_t>(buffer->writer.data.size());
  *out = buffer.release();
  return JR_OK;
  JR_CATCH
}

void jr_buffer_free(jr_buffer* buffer) {
  try {
    delete buffer;
  } catch (...) {
  }
}

int32_t jr_index_read_file(const char* path, int64_t offset, int64_t length, jr_index** out) {
  JR_TRY
  JR_REQUIRE(path && out, JR_INVALID_ARGUMENT, "path or out is null");
  JR_REQUIRE(offset >= 0 && length >= static_cast<int64_t>(sizeof(PayloadHeader)), JR_IO_ERROR,
             "index payload is shorter than its header");
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path, "rb"), &std::fclose);
  JR_REQUIRE(file, JR_IO_ERROR, std::string("cannot open ") + path + ": " + std::strerror(errno));
  JR_REQUIRE(std::fseek(file.get(), static_cast<long>(offset), SEEK_SET) == 0, JR_IO_ERROR, "cannot seek to the index payload");
  PayloadHeader header{};
  JR_REQUIRE(std::fread(&header, sizeof(header), 1, file.get()) == 1, JR_IO_ERROR, "truncated index payload header");
  JR_REQUIRE(std::memcmp(header.magic, kMagic, sizeof(kMagic)) == 0, JR_IO_ERROR, "index payload does not start with JRFX");
  JR_REQUIRE(header.version == kFormatVersion, JR_IO_ERROR, "unsupported index payload version " + std::to_string(header.version));
  JR_REQUIRE(header.kind >= JR_KIND_FLAT && header.kind <= JR_KIND_IVF, JR_IO_ERROR, "unknown index kind " + std::to_string(header.kind));
  JR_REQUIRE(header.tombstones >= 0 && header.tombstones <= (length - static_cast<int64_t>(sizeof(header))) / 8, JR_IO_ERROR,
             "tombstone count " + std::to_string(header.tombstones) + " does not fit the payload");
  std::vector<int64_t> tombstones(static_cast<size_t>(header.tombstones));
  if (header.tombstones > 0)
    JR_REQUIRE(std::fread(tombstones.data(), sizeof(int64_t), tombstones.size(), file.get()) == tombstones.size(), JR_IO_ERROR,
               "truncated tombstone list");

  std::unique_ptr<faiss::Index> loaded(faiss::read_index(file.get()));
  JR_REQUIRE(std::ftell(file.get()) == static_cast<long>(offset + length), JR_IO_ERROR,
             "FAISS blob length does not match the payload length");
  auto* map = dynamic_cast<faiss::IndexIDMap2*>(loaded.get());
  JR_REQUIRE(map, JR_IO_ERROR, "stored FAISS index is not an IndexIDMap2");
  faiss::Index* inner = map->index;
  int32_t kind = dynamic_cast<faiss::IndexHNSWFlat*>(inner) ? JR_KIND_HNSW
                 : dynamic_cast<faiss::IndexIVFFlat*>(inner) ? JR_KIND_IVF
                 : dynamic_cast<faiss::IndexFlatIP*>(inner)  ? JR_KIND_FLAT
                                                              : 0;
  JR_REQUIRE(kind == header.kind, JR_IO_ERROR, "stored FAISS index type does not match the header kind " + std::to_string(header.kind));
  JR_REQUIRE(inner->metric_type == faiss::METRIC_INNER_PRODUCT, JR_IO_ERROR, "stored FAISS index does not use inner product");

  auto index = std::make_unique<jr_index>();
  index->kind = kind;
  map->own_fields = true;
  index->map.reset(static_cast<faiss::IndexIDMap2*>(loaded.release()));
  index->inner = inner;
  index->ef_search = header.ef_search;
  index->nprobe = header.nprobe;
  if (auto* h = index->hnsw()) {
    if (index->ef_search <= 0) index->ef_search = h->hnsw.efSearch;
    h->hnsw.efSearch = index->ef_search;
  }
  if (auto* v = index->ivf()) {
    if (index->nprobe <= 0) index->nprobe = static_cast<int32_t>(v->nprobe);
    v->nprobe = static_cast<size_t>(index->nprobe);
  }
  if (kind != JR_KIND_FLAT) {
    index->deleted.assign(static_cast<size_t>(index->map->ntotal), 0);
    auto& rev = index->map->rev_map;
    for (int64_t slot : tombstones) {
      JR_REQUIRE(slot >= 0 && slot < index->map->ntotal, JR_IO_ERROR, "tombstone slot " + std::to_string(slot) + " is out of range");
      JR_REQUIRE(index->deleted[static_cast<size_t>(slot)] == 0, JR_IO_ERROR, "tombstone slot " + std::to_string(slot) + " repeats");
      index->deleted[static_cast<size_t>(slot)] = 1;
      idx_t external = index->map->id_map[static_cast<size_t>(slot)];
      auto it = rev.find(external);
      if (it != rev.end() && it->second == slot) rev.erase(it);
    }
    index->deleted_count = static_cast<int64_t>(tombstones.size());
  } else {
    JR_REQUIRE(tombstones.empty(), JR_IO_ERROR, "flat index payload carries tombstones");
  }
  *out = index.release();
  return JR_OK;
  JR_CATCH
}

}  // extern "C"
