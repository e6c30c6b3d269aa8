// Record fields as search-as-you-type comboboxes (WAI-ARIA 1.2 combobox with a listbox popup).
// Without this script each field is a text box the server resolves by name; with it, the
// box asks /lookup/<source>?q=… as one types and keeps the chosen record's id beside it.
// Loaded as a module, so it runs once however many fields a page has.

const DELAY_MS = 200;
// What the field says; the page gives these in its language (data-texts), English otherwise.
const ENGLISH = {
  how: "Type to search, then choose with the up and down arrow keys and Enter.",
  none: "No matches.",
  one: "1 match. Use the up and down arrow keys to choose.",
  many: "{count} matches. Use the up and down arrow keys to choose.",
  more: "The first {count} matches; type more to narrow them down.",
  failed: "Searching failed; the text you type is checked when you save.",
  chosen: "{name} chosen.",
  added: "{name} added.",
};

function textsOf(root) {
  try {
    return { ...ENGLISH, ...JSON.parse(root.dataset.texts || "{}") };
  } catch (error) {
    return ENGLISH;
  }
}

function element(tag, attributes, content) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    node.setAttribute(name, value);
  }
  if (content) node.textContent = content;
  return node;
}

function labelOf(input) {
  const label = document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
  if (label && !label.id) label.id = `${input.id}-label`;
  return label;
}

class Combobox {
  constructor(root) {
    this.root = root;
    this.url = root.dataset.lookup;
    this.multiple = root.hasAttribute("data-multiple");
    this.input = root.querySelector(".lookup-input");
    this.value = root.querySelector("[data-lookup-value]") || this.valueInput();
    this.shown = root.querySelector("[data-lookup-shown]");
    this.chosen = root.querySelector(".lookup-chosen");
    this.texts = textsOf(root);
    this.options = [];
    this.active = -1;
    this.asked = 0;
    this.timer = null;
    this.build();
    this.listen();
  }

  valueInput() {
    // After typed text fitted several records the page offers them as radio buttons and holds
    // no id; a choice made here needs one, before those buttons in the form's order.
    if (this.multiple) return null;
    const name = this.input.name.replace(/-text$/, "");
    const input = element("input", { type: "hidden", name, "data-lookup-value": "" });
    this.root.prepend(input);
    return input;
  }

  build() {
    const id = this.input.id;
    const label = labelOf(this.input);
    this.listbox = element("ul", { id: `${id}-listbox`, role: "listbox", class: "lookup-listbox" });
    if (label) this.listbox.setAttribute("aria-labelledby", label.id);
    this.listbox.hidden = true;
    this.status = element("div", {
      id: `${id}-status`,
      "aria-live": "polite",
      "aria-atomic": "true",
      class: "visually-hidden",
    });
    const how = element("span", { id: `${id}-how`, class: "visually-hidden" }, this.texts.how);
    this.root.append(this.listbox, this.status, how);
    const described = (this.input.getAttribute("aria-describedby") || "").split(" ");
    this.input.setAttribute("aria-describedby", [...described, how.id].join(" ").trim());
    this.input.setAttribute("role", "combobox");
    this.input.setAttribute("aria-autocomplete", "list");
    this.input.setAttribute("aria-expanded", "false");
    this.input.setAttribute("aria-controls", this.listbox.id);
  }

  listen() {
    this.input.addEventListener("input", () => this.soon());
    this.input.addEventListener("keydown", (event) => this.key(event));
    this.input.addEventListener("blur", () => this.close());
    // Keep the focus in the box while an option is clicked.
    this.listbox.addEventListener("mousedown", (event) => event.preventDefault());
    this.listbox.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) this.choose(this.options.indexOf(option));
    });
  }

  soon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.search(), DELAY_MS);
  }

  async search() {
    clearTimeout(this.timer);
    const asked = ++this.asked;
    const url = new URL(this.url, window.location.href);
    url.searchParams.set("q", this.input.value.trim());
    let answer;
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        redirect: "error",
      });
      if (!response.ok) throw new Error(String(response.status));
      answer = await response.json();
    } catch (error) {
      if (asked === this.asked) {
        this.close();
        this.say(this.texts.failed);
      }
      return;
    }
    if (asked !== this.asked || document.activeElement !== this.input) return;
    this.show(answer.results.filter((hit) => !this.isChosen(hit.id)), answer.more);
  }

  isChosen(id) {
    if (!this.multiple) return false;
    const box = this.chosen.querySelector(`input[value="${CSS.escape(String(id))}"]`);
    return Boolean(box && box.checked);
  }

  show(hits, more) {
    this.listbox.replaceChildren();
    this.options = hits.map((hit, index) => {
      const option = element("li", {
        id: `${this.input.id}-option-${index}`,
        role: "option",
        "aria-selected": "false",
        class: "lookup-option",
      });
      option.dataset.id = hit.id;
      option.dataset.label = hit.label;
      option.append(document.createTextNode(hit.label));
      if (hit.detail) {
        option.append(" ", element("span", { class: "lookup-detail" }, hit.detail));
      }
      this.listbox.append(option);
      return option;
    });
    this.activate(-1);
    if (!hits.length) {
      this.close();
      this.say(this.texts.none);
      return;
    }
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    const count = hits.length === 1 ? this.texts.one : this.texts.many.replace("{count}", hits.length);
    this.say(more ? `${this.texts.more.replace("{count}", hits.length)} ${count}` : count);
  }

  close() {
    clearTimeout(this.timer);
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.activate(-1);
  }

  get open() {
    return !this.listbox.hidden;
  }

  activate(index) {
    this.options.forEach((option, at) => {
      option.setAttribute("aria-selected", at === index ? "true" : "false");
    });
    this.active = index;
    if (index < 0) {
      this.input.removeAttribute("aria-activedescendant");
      return;
    }
    const option = this.options[index];
    this.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  move(step) {
    const count = this.options.length;
    if (!count) return;
    const from = this.active < 0 ? (step > 0 ? -1 : count) : this.active;
    this.activate((from + step + count) % count);
  }

  key(event) {
    if (event.altKey && event.key === "ArrowDown") {
      event.preventDefault();
      if (!this.open) this.search();
      return;
    }
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        event.preventDefault();
        if (this.open) {
          this.move(event.key === "ArrowDown" ? 1 : -1);
        } else {
          this.search().then(() => this.move(event.key === "ArrowDown" ? 1 : -1));
        }
        break;
      case "Enter":
        if (this.open && this.active >= 0) {
          event.preventDefault();
          this.choose(this.active);
        }
        break;
      case "Escape":
        if (this.open) {
          event.preventDefault();
          this.close();
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
    }
  }

  choose(index) {
    const option = this.options[index];
    if (!option) return;
    const { id, label } = option.dataset;
    this.close();
    if (this.multiple) {
      this.add(id, option);
      this.input.value = "";
      this.say(this.texts.added.replace("{name}", label));
    } else {
      this.input.value = label;
      this.value.value = id;
      this.shown.value = label;
      this.say(this.texts.chosen.replace("{name}", label));
    }
  }

  add(id, option) {
    const existing = this.chosen.querySelector(`input[value="${CSS.escape(id)}"]`);
    if (existing) {
      existing.checked = true;
      return;
    }
    const name = this.input.name.replace(/-text$/, "");
    const boxId = `${this.input.id}-${id}`;
    const box = element("input", { type: "checkbox", id: boxId, name, value: id });
    box.checked = true;
    const label = element("label", { for: boxId });
    label.append(...[...option.childNodes].map((node) => node.cloneNode(true)));
    const item = element("li");
    item.append(box, " ", label);
    this.chosen.append(item);
    this.chosen.hidden = false;
  }

  say(message) {
    // Emptied first, so the same words said twice are announced twice.
    this.status.textContent = "";
    window.setTimeout(() => {
      this.status.textContent = message;
    }, 50);
  }
}

function start() {
  for (const root of document.querySelectorAll(".lookup[data-lookup]")) {
    if (!root.dataset.ready && root.querySelector(".lookup-input")) {
      root.dataset.ready = "true";
      new Combobox(root);
    }
  }
}

start();
