// libedit (editline) from Debian's libedit-dev. `el_set`, `el_get` and `history` are variadic, which
// Swift cannot call, so each use Convbook makes of them has a fixed-argument wrapper here.
#include <stdio.h>
#include <histedit.h>

typedef char *(*convbook_el_prompt_fn)(EditLine *);
typedef unsigned char (*convbook_el_command_fn)(EditLine *, int);

// An editor on the standard streams.
static inline EditLine *convbook_el_init(const char *program) { return el_init(program, stdin, stdout, stderr); }

static inline int convbook_el_set_prompt(EditLine *el, convbook_el_prompt_fn fn) {
    return el_set(el, EL_PROMPT, fn);
}
static inline int convbook_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int convbook_el_set_getcfn(EditLine *el, el_rfunc_t fn) { return el_set(el, EL_GETCFN, fn); }
static inline int convbook_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *convbook_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int convbook_el_add_function(
    EditLine *el, const char *name, const char *help, convbook_el_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int convbook_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, NULL);
}
static inline int convbook_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

static inline int convbook_history_set_size(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}
static inline int convbook_history_set_unique(History *h, int unique) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, unique);
}
static inline int convbook_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}
static inline int convbook_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}
static inline int convbook_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}
static inline int convbook_history_count(History *h) {
    HistEvent event;
    if (history(h, &event, H_GETSIZE) < 0) return -1;
    return event.num;
}

static inline int convbook_el_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }

// Walking the history: the newest entry, then each older one; NULL past the oldest.
static inline const char *convbook_history_newest(History *h) {
    HistEvent event;
    return history(h, &event, H_FIRST) < 0 ? NULL : event.str;
}
static inline const char *convbook_history_older(History *h) {
    HistEvent event;
    return history(h, &event, H_NEXT) < 0 ? NULL : event.str;
}
