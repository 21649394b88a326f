// Grouping (key, value) pairs by key with a stable counting sort: the one place the
// compressed-row (CSR) arrays of the catalogue snapshot and of the optimiser's model are
// filled.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace credpath::core {

// After the call, the values of key k are values[offsets[k] .. offsets[k + 1]), in the
// order `for_each_pair` produced them; offsets has key_count + 1 entries. for_each_pair(emit)
// calls emit(key, value) for every pair, 0 <= key < key_count, and must produce the same
// pairs in the same order each time: it is called twice, to count and to fill. O(pairs +
// key_count).
template <typename ForEachPair>
void GroupByKey(size_t key_count, const ForEachPair& for_each_pair, std::vector<int32_t>* offsets,
                std::vector<int32_t>* values) {
  offsets->assign(key_count + 1, 0);
  for_each_pair([&](int32_t key, int32_t) { ++(*offsets)[key + 1]; });
  for (size_t k = 0; k < key_count; ++k) (*offsets)[k + 1] += (*offsets)[k];
  values->resize(static_cast<size_t>((*offsets)[key_count]));
  std::vector<int32_t> next(offsets->begin(), offsets->end() - 1);
  for_each_pair([&](int32_t key, int32_t value) { (*values)[next[key]++] = value; });
}

}  // namespace credpath::core
