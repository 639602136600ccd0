// The handlers of `cairn serve`'s routes (internal to src/server): reads of programs, collections,
// entities and views, and the writes (PATCH an item, PUT an entity). Authorization has happened
// before a handler runs (server.cc, from the route table); a handler only checks what depends on
// the data (a member changes only items assigned to them).
#pragma once

#include "server/http.h"

namespace cairn::server {

class ViewCache;

class Api {
 public:
  Api(StorePool& pool, ViewCache& cache) : pool_(pool), cache_(cache) {}

  // Runs the route's handler.
  void handle(Call& c);
  // The store connection of this thread, or a 503 problem (nullptr).
  store::Store* store_or_problem(httplib::Response& res);

 private:
  void ready(Call& c);
  void programs(Call& c);
  void program(Call& c);
  void view(Call& c);
  void collection(Call& c);
  void entity(Call& c);
  void patch_item(Call& c);
  void put_entity(Call& c);
  // The whole program from its plan document (cairn export --format json), as apply --prune.
  void put_program(Call& c);
  void delete_entity(Call& c);
  // A manager writes only their own team and its people (403 otherwise); others pass.
  bool manager_may_write(Call& c, store::Store& s, const std::string& kind, const std::string& key,
                         const Json* body);
  // The stale-write answer: 412 with the entity as it is now and its ETag.
  void stale(Call& c, int64_t expected, const store::EntityRecord& now);
  // A write the store refused: a conflict is the 412 above (someone wrote first), else the error.
  void write_failed(Call& c, store::Store& s, const std::string& kind, int64_t expected,
                    const Error& e);

  StorePool& pool_;
  ViewCache& cache_;
};

}  // namespace cairn::server
