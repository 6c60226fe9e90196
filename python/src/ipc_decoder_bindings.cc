// arrowpack.ipc.StreamDecoder: an IPC stream decoder fed bytes as they arrive (from a socket, an
// asyncio protocol, ...), returning the record batches each piece completes. Read-only pieces
// (bytes, arrowpack Buffers that are not mutable) are kept without a copy; writable ones
// (bytearray, a recv_into buffer) are copied, since the caller may reuse them.
// Errors: ArrowInvalid for malformed data, data after the end-of-stream marker, or any consume()
// after one that failed; TypeError for objects without the buffer protocol.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "arrowpack/ipc/reader.h"
#include "bindings.h"
#include "common.h"
#include "py_buffer.h"

namespace arrowpack::python {

namespace {

// Collects what one consume() call decodes; the batches are handed to Python afterwards.
class CollectingListener final : public ipc::StreamDecoder::Listener {
 public:
  Status OnRecordBatchDecoded(RecordBatchPtr batch) override {
    decoded_.push_back(std::move(batch));
    return Status::OK();
  }
  Status OnEndOfStream() override {
    finished_ = true;
    return Status::OK();
  }

  std::vector<RecordBatchPtr> TakeDecoded() { return std::exchange(decoded_, {}); }
  bool finished() const { return finished_; }

 private:
  std::vector<RecordBatchPtr> decoded_;
  bool finished_ = false;
};

// The decoder and its listener. The mutex serialises calls from Python threads, because
// consume() decodes without the GIL; nothing waits for the mutex while holding the GIL.
class PyStreamDecoder {
 public:
  explicit PyStreamDecoder(const ipc::IpcReadOptions& options)
      : listener_(std::make_shared<CollectingListener>()), decoder_(listener_, options) {}

  std::vector<RecordBatchPtr> Consume(py::handle data) {
    std::shared_ptr<Buffer> piece = BufferFromPyObject(data);
    std::vector<RecordBatchPtr> decoded;
    const Status status = CallWithoutGil([&] {
      std::lock_guard<std::mutex> hold(mutex_);
      Status consumed = piece->is_mutable() ? decoder_.Consume(piece->data(), piece->size())
                                            : decoder_.Consume(std::move(piece));
      decoded = listener_->TakeDecoded();
      return consumed;
    });
    ThrowIfError(status);
    return decoded;
  }

  // Runs `read` on the decoder under the mutex. The GIL is released while waiting: a consume()
  // on another thread may need it (to release a Python buffer it drops) before it unlocks.
  template <typename F>
  auto Read(F&& read) {
    return CallWithoutGil([&] {
      std::lock_guard<std::mutex> hold(mutex_);
      return read(decoder_, *listener_);
    });
  }

 private:
  std::mutex mutex_;
  std::shared_ptr<CollectingListener> listener_;
  ipc::StreamDecoder decoder_;
};

}  // namespace

void RegisterIpcDecoder(py::module_& m) {
  using Decoder = ipc::StreamDecoder;
  py::class_<PyStreamDecoder>(m, "_StreamDecoder")
      .def(py::init<const ipc::IpcReadOptions&>(), py::arg("options"))
      .def("consume", &PyStreamDecoder::Consume, py::arg("data"),
           "Feeds the next bytes of the stream; returns the RecordBatches they complete (often none).")
      .def_property_readonly(
          "schema",
          [](PyStreamDecoder& self) {
            return self.Read([](const Decoder& decoder, const CollectingListener&) { return decoder.schema(); });
          },
          "The stream's Schema, or None until its schema message has been decoded.")
      .def_property_readonly(
          "next_required_size",
          [](PyStreamDecoder& self) {
            return self.Read(
                [](const Decoder& decoder, const CollectingListener&) { return decoder.next_required_size(); });
          },
          "Bytes still needed to finish the next step (a size hint for the next read; 0 when finished).")
      .def_property_readonly(
          "finished",
          [](PyStreamDecoder& self) {
            return self.Read([](const Decoder&, const CollectingListener& listener) { return listener.finished(); });
          },
          "True once the end-of-stream marker has been decoded.")
      .def("_stats", [](PyStreamDecoder& self) {
        return StatsTuple(self.Read([](const Decoder& decoder, const CollectingListener&) { return decoder.stats(); }));
      });
}

}  // namespace arrowpack::python
