/** The §5.3 test vectors of model-dsl.md (shared by the hash, spec and property tests). */

export const DECAY_TOML = `[model]
type = "ode"
name = "Exponential Decay"

[states]
x = 1.0

[params]
a = 1.0

[equations.rhs]
x = "-a * x"
`;

export const DECAY_HASH = "78714c4051ddd5989b68c94997a4e1adaee777f432c1ea33b4ded450182ce2ce";
export const DECAY_JSON =
  '{"aux":{},"constant_vals":[],"constants":[],"dtype":"float64","equations_block":null,"equations_rhs":{"x":"-a * x"},"equations_use_lag":false,"events":[],"functions":{},"inverse_block":null,"inverse_rhs":null,"jacobian_exprs":null,"kind":"ode","lag_map":{},"name":"Exponential Decay","param_vals":[1.0],"params":["a"],"presets":[],"sim":{"atol":1e-08,"dt":0.01,"max_steps":1000000,"record":true,"rtol":1e-05,"stepper":"rk4","t0":0.0,"t_end":1.0},"state_ic":[1.0],"states":["x"],"tag_index":{},"uses_lag":false}';

export const DECAY_EVENT_TOML = `model = {type = "ode", name = "Decay with Reset Event"}
states = {x = 1.0}
params = {a = 1.0, threshold = 0.5}
equations.rhs = {x = "-a * x"}
events.reset = {phase = "end", cond = "x < threshold", action.x = "1.0", log = ["t", "x"]}
`;
export const DECAY_EVENT_HASH = "f5d1f9679cfd8c10e05985851e188797b36712fb6697f162c5e55342c50290c6";
export const DECAY_EVENT_JSON =
  '{"aux":{},"constant_vals":[],"constants":[],"dtype":"float64","equations_block":null,"equations_rhs":{"x":"-a * x"},"equations_use_lag":false,"events":[{"action_block":null,"action_keyed":{"x":"1.0"},"cond":"x < threshold","log":["t","x"],"name":"reset","phase":"end","tags":[]}],"functions":{},"inverse_block":null,"inverse_rhs":null,"jacobian_exprs":null,"kind":"ode","lag_map":{},"name":"Decay with Reset Event","param_vals":[1.0,0.5],"params":["a","threshold"],"presets":[],"sim":{"atol":1e-08,"dt":0.01,"max_steps":1000000,"record":true,"rtol":1e-05,"stepper":"rk4","t0":0.0,"t_end":1.0},"state_ic":[1.0],"states":["x"],"tag_index":{},"uses_lag":false}';

export const VEC3_TOML = `model = { type = "map", name = "Vec" }
constants = { K = "2*pi" }
states = { x = 1, y = 0.5 }
params = { r = "8/4" }
aux = { s = "x + y" }
functions.f = { args = ["q"], expr = "q + lag_x(2)" }
equations.rhs = { x = "f(x) / K", y = "cross_up(y, 0.1) + s" }
events.hit = { cond = "x > r", action = { x = "0" }, log = ["t", "x"], tags = ["b", "a", "a"] }
presets.p.params = { r = 3 }
sim = { dt = 1, stop = "x > 100", safety = 0.5 }
`;
export const VEC3_HASH = "c6d9d71dd3583f564c61315f55d2195f7b57e59605335570ef647e9a9ef59e1a";
export const VEC3_JSON =
  '{"aux":{"s":"x + y"},"constant_vals":[6.283185307179586],"constants":["K"],"dtype":"float64","equations_block":null,"equations_rhs":{"x":"f(x) / K","y":"cross_up(y, 0.1) + s"},"equations_use_lag":true,"events":[{"action_block":null,"action_keyed":{"x":"0"},"cond":"x > r","log":["t","x"],"name":"hit","phase":"end","tags":["a","b"]}],"functions":{"f":[["q"],"q + lag_x(2)"]},"inverse_block":null,"inverse_rhs":null,"jacobian_exprs":null,"kind":"map","lag_map":{"x":[3,0,0],"y":[2,3,1]},"name":"Vec","param_vals":[2.0],"params":["r"],"presets":[{"name":"p","params":{"r":3},"states":null}],"sim":{"atol":1e-08,"dt":1.0,"max_steps":1000000,"record":true,"rtol":1e-05,"stepper":"map","stepper_defaults":{"safety":0.5},"stop":{"cond":"x > 100","phase":"post"},"t0":0.0,"t_end":1.0},"state_ic":[1,0.5],"states":["x","y"],"tag_index":{"a":["hit"],"b":["hit"]},"uses_lag":true}';

export const VEC4_TOML = `model = { type = "ode", name = "Ünï \\"q\\"\\tz", dtype = "double" }
states = { u = 1e16, w = -0.0 }
params = { a = 1e-5, b = "2**70", c = inf, d = 0.0001, k = 123456789012345678.0 }
equations.rhs = { w = "a*u", u = "-b * w  # trailing note" }
equations.jacobian = { expr = [[0, 1.5e-7], [1e15, "-b"]] }
sim = { t_end = 10, max_steps = 1e3, tol = { z = 1, a = [1, 2.0, "s"] } }
`;
export const VEC4_HASH = "b68a571b1d3b3ba1bdb2b814dc1d86dab33acc61abd8b54517811f1bbdb33839";
export const VEC4_JSON =
  '{"aux":{},"constant_vals":[],"constants":[],"dtype":"float64","equations_block":null,"equations_rhs":{"u":"-b * w  # trailing note","w":"a*u"},"equations_use_lag":false,"events":[],"functions":{},"inverse_block":null,"inverse_rhs":null,"jacobian_exprs":[["0","1.5e-07"],["1000000000000000.0","-b"]],"kind":"ode","lag_map":{},"name":"Ünï \\"q\\"\\tz","param_vals":[1e-05,1180591620717411303424,Infinity,0.0001,1.2345678901234568e+17],"params":["a","b","c","d","k"],"presets":[],"sim":{"atol":1e-08,"dt":0.01,"max_steps":1000,"record":true,"rtol":1e-05,"stepper":"rk4","stepper_defaults":{"tol":{"a":[1,2.0,"s"],"z":1}},"t0":0.0,"t_end":10.0},"state_ic":[1e+16,-0.0],"states":["u","w"],"tag_index":{},"uses_lag":false}';
