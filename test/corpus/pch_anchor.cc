// The object the corpus's precompiled header is built for (CMakeLists.txt:
// corpus_pch); it has no code of its own.
