// The request and response of one callback-API unary call on one protobuf arena.
//
// A PlanPathways reply holds hundreds of small messages and strings (each step carries its
// value explanation); on an arena, building and serialising it takes about half the CPU
// it takes on the heap (plan_bench's BM_ReplyConversion and BM_ReplyConversionOnArena,
// docs/benchmarks.md): the messages come from a few large blocks that go back at once
// when gRPC releases the call's messages.
// Thread safety: AllocateMessages is called concurrently; each holder is one call's.
#pragma once

#include <cstddef>

#include "google/protobuf/arena.h"
#include "grpcpp/support/message_allocator.h"

namespace credpath::services {

template <typename Request, typename Response>
class ArenaMessageAllocator final : public grpc::MessageAllocator<Request, Response> {
 public:
  // A reply of 20 steps takes 81 KB of arena (plan_bench's BM_ReplyConversionOnArena):
  // two blocks.
  static constexpr size_t kFirstBlockBytes = 32 * 1024;
  static constexpr size_t kLargestBlockBytes = 256 * 1024;

  grpc::MessageHolder<Request, Response>* AllocateMessages() override { return new Holder(); }

  // The arena options of every call's arena (exposed for benchmarks of the reply).
  static google::protobuf::ArenaOptions Options() {
    google::protobuf::ArenaOptions options;
    options.start_block_size = kFirstBlockBytes;
    options.max_block_size = kLargestBlockBytes;
    return options;
  }

 private:
  class Holder final : public grpc::MessageHolder<Request, Response> {
   public:
    Holder() : arena_(Options()) {
      this->set_request(google::protobuf::Arena::CreateMessage<Request>(&arena_));
      this->set_response(google::protobuf::Arena::CreateMessage<Response>(&arena_));
    }
    void Release() override { delete this; }

   private:
    google::protobuf::Arena arena_;
  };
};

}  // namespace credpath::services
